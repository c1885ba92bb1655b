import { checkBatch, toPlan } from './batch-file.js';
import { readCsvBatch } from './csv-batch.js';

/** 003 item (14) in an imported CSV: what a matter adjusts, and a national approval as its own columns. */
const CSV = [
  'batch.code,batch.title.zh,batch.issuingAuthority,code,title.zh,kind,policyArea,leadingUnit,riskLevel,requiresLegalAuthorization,legalBasis,legalAdjustment.level,legalAdjustment.name,nationalApproval.authority,nationalApproval.basis',
  'SZ-X,测试,深圳市人民政府,X-01,国际快递许可下放,opening_up_initiative,services_trade,SZ-POST,medium,是,邮政法规定由国务院邮政管理部门许可,law,中华人民共和国邮政法,,',
  ',,,X-02,保险资金设立私募基金,reform_measure,finance,SZ-LFRB,high,否,,,,National Financial Regulatory Administration,"""legally establishing"""',
  ',,,X-03,无名调整,reform_measure,finance,SZ-LFRB,low,no,,statute,邮政法,,',
].join('\n');

describe('legal authorization columns of a CSV batch', () => {
  const read = readCsvBatch(CSV);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const checked = checkBatch(read.raw, { headerRequired: true });

  it('reads what a matter adjusts and a national approval into the entry', () => {
    const [x1, x2] = checked.rows.map((r) => r.entry);
    expect(x1).toMatchObject({ requiresLegalAuthorization: true, legalAdjustment: { level: 'law', name: '中华人民共和国邮政法' } });
    expect(x1.nationalApproval).toBeUndefined();
    expect(x2).toMatchObject({
      requiresLegalAuthorization: false,
      nationalApproval: { authority: 'National Financial Regulatory Administration', basis: '"legally establishing"' },
    });
    // and into the plan the domain drafts
    const units = new Map([
      ['SZ-POST', 'u-post'],
      ['SZ-LFRB', 'u-lfrb'],
    ]);
    const [p1, p2] = checked.rows.map((r) => toPlan(r, units, null));
    expect(p1).toMatchObject({
      ok: true,
      plan: { legalAdjustment: { level: 'law', name: '中华人民共和国邮政法' }, nationalApproval: null },
    });
    expect(p2).toMatchObject({
      ok: true,
      plan: { legalAdjustment: null, nationalApproval: { authority: 'National Financial Regulatory Administration' } },
    });
  });

  it('refuses an adjustment level outside the vocabulary, naming the column', () => {
    expect(checked.problems).toEqual([expect.objectContaining({ row: 4, field: 'legalAdjustment.level' })]);
  });
});
