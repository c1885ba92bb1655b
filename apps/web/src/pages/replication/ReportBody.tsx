import { Empty, Typography } from 'antd';
import type { ReplicationReport } from '../../api/hooks/reports';
import { useLang, useLocalized } from '../../components/LocalizedText';
import { ExperienceCard } from './ExperienceCard';

const CHINESE = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六'];

/** A replication report's experiences, grouped by policy area (groups and order as the server gives them). */
export function ReportBody({
  report,
  emptyText,
  canRecord = false,
}: {
  report: ReplicationReport;
  emptyText: string;
  canRecord?: boolean;
}) {
  const pick = useLocalized();
  const lang = useLang();
  const ordinal = (i: number) => (lang === 'zh-CN' ? `${CHINESE[i] ?? i + 1}、` : `${i + 1}. `);
  if (report.total === 0) return <Empty description={emptyText} />;
  let n = 0;
  return (
    <>
      {report.groups.map((g, gi) => (
        <section key={g.policyArea.key} aria-labelledby={`area-${g.policyArea.key}`}>
          <Typography.Title level={3} id={`area-${g.policyArea.key}`} style={{ fontSize: 16, marginTop: gi ? 16 : 0 }}>
            {ordinal(gi)}
            {pick(g.policyArea.title)}
          </Typography.Title>
          {g.experiences.map((e) => (
            <ExperienceCard
              key={e.id}
              experience={e}
              rubric={report.rubric}
              index={++n}
              adoptions={report.adoptions?.items.filter((a) => a.experienceId === e.id)}
              canRecord={canRecord}
            />
          ))}
        </section>
      ))}
    </>
  );
}
