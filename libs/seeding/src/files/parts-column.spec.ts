import { checkBatch, fileFieldPath, toPlan } from './batch-file.js';
import { readCsvBatch } from './csv-batch.js';

/** 分工 in an imported CSV: each participating unit's part as `unit code|due date|what it delivers`, several split by `;`. */
const CSV = [
  'batch.code,batch.title.zh,batch.issuingAuthority,code,title.zh,kind,policyArea,leadingUnit,participatingUnits,riskLevel,parts',
  'SZ-X,测试,深圳市人民政府,X-01,新型研发机构薪酬改革,innovation_experiment,science_technology,SZ-STIC,SZ-HRSS;SZ-FIN,medium,SZ-HRSS|2027-06-30|制定人才引进配套政策；SZ-FIN|2027-03-31|落实财政支持资金',
  ',,,X-02,缺少日期,innovation_experiment,science_technology,SZ-STIC,SZ-HRSS,medium,SZ-HRSS||制定配套政策',
  ',,,X-03,日期有误,innovation_experiment,science_technology,SZ-STIC,SZ-HRSS,medium,SZ-HRSS|2027-13-01|制定配套政策',
].join('\n');

describe("participating units' parts column of a CSV batch", () => {
  const read = readCsvBatch(CSV);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const checked = checkBatch(read.raw, { headerRequired: true });

  it('reads each part into the entry and the parts the domain drafts, unit codes resolved', () => {
    const [x1] = checked.rows.map((r) => r.entry);
    expect(x1.parts).toEqual([
      { unit: 'SZ-HRSS', due: '2027-06-30', deliverable: { zh: '制定人才引进配套政策' } },
      { unit: 'SZ-FIN', due: '2027-03-31', deliverable: { zh: '落实财政支持资金' } },
    ]);
    const units = new Map([
      ['SZ-STIC', 'u-stic'],
      ['SZ-HRSS', 'u-hrss'],
      ['SZ-FIN', 'u-fin'],
    ]);
    expect(toPlan(checked.rows[0], units, null)).toMatchObject({
      ok: true,
      parts: [
        { unitId: 'u-hrss', due: { on: '2027-06-30' }, deliverable: { zh: '制定人才引进配套政策' } },
        { unitId: 'u-fin', due: { on: '2027-03-31' } },
      ],
    });
    // an unknown unit is named on the column
    expect(toPlan(checked.rows[0], new Map([['SZ-STIC', 'u-stic']]), null)).toMatchObject({
      ok: false,
      problems: expect.arrayContaining([expect.objectContaining({ field: 'parts', rule: 'unit.unknown' })]),
    });
  });

  it('refuses a part without a due date or with a wrong one, naming the column and the row', () => {
    expect(checked.problems).toEqual([
      expect.objectContaining({ row: 3, field: 'parts' }),
      expect.objectContaining({ row: 4, field: 'parts' }),
    ]);
  });

  it("names a domain refusal of a part's unit or due date as the file does", () => {
    expect(fileFieldPath('parts[1].unitId')).toEqual(['parts', 1, 'unit']);
    expect(fileFieldPath('parts[0].dueAt')).toEqual(['parts', 0, 'due']);
  });
});
