import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

/** An Ant Design Pro-like title row: optional back link, the page's h1, tags beside it, actions at the right. */
export function PageHeader({
  title,
  subTitle,
  tags,
  extra,
  back,
}: {
  title: ReactNode;
  subTitle?: ReactNode;
  tags?: ReactNode;
  extra?: ReactNode;
  back?: string;
}) {
  const { t } = useTranslation('common');
  const navigate = useNavigate();
  return (
    <Flex justify="space-between" align="flex-start" wrap gap={12} style={{ marginBottom: 16 }}>
      <Flex align="center" gap={8} wrap style={{ minWidth: 0 }}>
        {back && (
          <Button type="text" icon={<ArrowLeftOutlined aria-hidden />} aria-label={t('actions.back')} onClick={() => void navigate(back)} />
        )}
        <Typography.Title level={1} style={{ margin: 0, fontSize: 20, lineHeight: '32px' }}>
          {title}
        </Typography.Title>
        {subTitle && <Typography.Text type="secondary">{subTitle}</Typography.Text>}
        {tags}
      </Flex>
      {extra && (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      )}
    </Flex>
  );
}
