import { DownloadOutlined, FileMarkdownOutlined, FilePdfOutlined, Html5Outlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DocumentFormat } from '../api/hooks/reports';

const ICONS: Record<DocumentFormat, React.ReactNode> = {
  md: <FileMarkdownOutlined aria-hidden />,
  html: <Html5Outlined aria-hidden />,
  pdf: <FilePdfOutlined aria-hidden />,
};

/** Markdown / HTML / PDF links of one report; `urlOf` gives each format's address (with the reader's language). */
export function DocumentLinks({
  urlOf,
  name,
  size = 'middle',
}: {
  urlOf: (f: DocumentFormat) => string;
  name: string;
  size?: 'small' | 'middle';
}) {
  const { t } = useTranslation('reports');
  return (
    <Space size="small" wrap role="group" aria-label={`${t('download.label')}：${name}`}>
      <DownloadOutlined aria-hidden />
      {(['pdf', 'html', 'md'] as const).map((f) => (
        <Button
          key={f}
          size={size}
          icon={ICONS[f]}
          href={urlOf(f)}
          target="_blank"
          rel="noopener"
          aria-label={`${t('download.label')} ${name} ${t(`download.${f}`)}`}
        >
          {t(`download.${f}`)}
        </Button>
      ))}
    </Space>
  );
}
