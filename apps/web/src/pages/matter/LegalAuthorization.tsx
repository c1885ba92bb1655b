import { Alert, Card, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MatterView } from '../../api/hooks/types';
import { DateTime } from '../../components/DateTime';
import { useUnitName } from '../../components/UnitName';

/**
 * Legal authorization as item (14) of the 2024 Opinions puts it: what the matter adjusts (a law,
 * authorized by the NPC Standing Committee, or an administrative regulation, by the State Council),
 * whether the authorizing body has decided, and the instrument it issued: title, document number,
 * date, scope, period of validity. A national body's approval, a separate condition, is shown beside it.
 * Nothing shows for a matter that needs neither.
 */
export function LegalAuthorization({ matter }: { matter: MatterView }) {
  const { t } = useTranslation('matter');
  const unit = useUnitName();
  const { legalAdjustment: adjustment, nationalApproval: national, authorizationInstrument: instrument } = matter;
  if (!matter.requiresLegalAuthorization && !national) return null;
  const step = matter.approvalSteps.find((s) => s.round === matter.approvalRound && s.legalAuthorization);
  const waiting = matter.stage === 'in_approval' && step?.status === 'pending';
  const lapsed = instrument?.validUntil ? Date.parse(instrument.validUntil) <= Date.now() : false;
  return (
    <Card size="small" title={t('legal.title')} style={{ marginBottom: 16 }}>
      {matter.requiresLegalAuthorization && (
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'adjusts',
              label: t('legal.adjusts'),
              children: adjustment ? (
                <>
                  <Tag>{t(`legal.level.${adjustment.level}`)}</Tag>
                  {adjustment.name}
                </>
              ) : (
                t('legal.adjustsUnnamed')
              ),
            },
            ...(matter.legalBasis ? [{ key: 'basis', label: t('legal.basis'), children: matter.legalBasis }] : []),
            ...(step
              ? [{ key: 'body', label: t('legal.authorizedBy'), children: unit(instrument?.authorizedByUnitId ?? step.unitId) }]
              : []),
          ]}
        />
      )}
      {waiting && <Alert type="info" showIcon style={{ marginTop: 8 }} title={t('legal.waiting', { body: unit(step.unitId) })} />}
      {instrument && (
        <>
          <Typography.Title level={3} style={{ fontSize: 15, marginTop: 12 }}>
            {t('legal.instrument')}
          </Typography.Title>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'title', label: t('legal.instrumentTitle'), children: instrument.title },
              { key: 'number', label: t('legal.documentNumber'), children: instrument.documentNumber },
              { key: 'issued', label: t('legal.issuedOn'), children: instrument.issuedOn },
              { key: 'scope', label: t('legal.scope'), children: instrument.scope },
              {
                key: 'validity',
                label: t('legal.validity'),
                children: (
                  <>
                    <DateTime value={instrument.validFrom} />
                    {' – '}
                    {instrument.validUntil ? <DateTime value={instrument.validUntil} /> : t('legal.noTimeLimit')}
                    {lapsed && (
                      <Tag color="red" style={{ marginInlineStart: 8 }}>
                        {t('legal.lapsed')}
                      </Tag>
                    )}
                  </>
                ),
              },
            ]}
          />
        </>
      )}
      {national && (
        <Descriptions
          size="small"
          column={1}
          style={{ marginTop: matter.requiresLegalAuthorization ? 12 : 0 }}
          items={[
            { key: 'national', label: t('legal.nationalApproval'), children: national.authority },
            ...(national.basis ? [{ key: 'nationalBasis', label: t('legal.basis'), children: national.basis }] : []),
          ]}
        />
      )}
    </Card>
  );
}
