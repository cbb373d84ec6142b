/**
 * A visit's plan as a table: item, price, discount, who performs it, status. The drawer shows the
 * plan now; time travel shows it as it was, with the items a step changed marked.
 */
import { useTranslation } from 'react-i18next';
import type { PlanItemState } from '../../../shared/clinic/visit/state.js';
import { languageOf } from '../../i18n/catalog.js';
import { formatMoney } from '../../i18n/format.js';
import { useDesk } from '../../state/use-desk.js';

export const PlanTable = ({ plan, changed }: { plan: readonly PlanItemState[]; changed?: ReadonlySet<string> }) => {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const staff = useDesk((state) => state.staff);
  const nameOf = (staffId: string | null) => staff.find((member) => member.staffId === staffId)?.name ?? '—';
  if (plan.length === 0) return <p className="muted">{t('drawer.planEmpty')}</p>;
  return (
    <table className="plan">
      <thead>
        <tr>
          <th scope="col">{t('drawer.item')}</th>
          <th scope="col" className="num">
            {t('drawer.price')}
          </th>
          <th scope="col" className="num">
            {t('drawer.discount')}
          </th>
          <th scope="col">{t('drawer.performer')}</th>
          <th scope="col">{t('drawer.status')}</th>
        </tr>
      </thead>
      <tbody>
        {plan.map((item) => (
          <tr key={item.itemId} className={`item-${item.status}${changed?.has(item.itemId) ? ' changed' : ''}`}>
            <td>
              {item.name}
              {item.skipReason ? <span className="muted small"> · {t('drawer.skippedBecause', { reason: item.skipReason })}</span> : null}
              {changed?.has(item.itemId) ? <span className="changed-mark">{t('history.changed')}</span> : null}
            </td>
            <td className="num money">{formatMoney(item.price, language)}</td>
            <td className="num money">{item.discount > 0 ? `−${formatMoney(item.discount, language)}` : '—'}</td>
            <td>{nameOf(item.performedBy)}</td>
            <td>
              <span className={`item-status ${item.status}`}>{t(`drawer.itemStatus.${item.status}`)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};
