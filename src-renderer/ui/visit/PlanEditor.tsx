import { useTranslation } from 'react-i18next';
import { languageOf } from '../../i18n/catalog.js';
import { formatMoney } from '../../i18n/format.js';
import { MoneyField, TextField, wonOf } from './fields.js';

/** One line of a plan being written: an existing item keeps its itemId (and its progress). */
export interface DraftItem {
  readonly key: number;
  readonly itemId?: string;
  readonly name: string;
  readonly price: string;
  readonly discount: string;
  /** Started, completed or skipped: its price is fixed and it cannot leave the plan. */
  readonly locked: boolean;
}

let nextKey = 0;
export const draftItem = (item: Partial<Omit<DraftItem, 'key'>> = {}): DraftItem => ({
  key: ++nextKey,
  name: '',
  price: '',
  discount: '',
  locked: false,
  ...item,
});

export const planOf = (items: readonly DraftItem[]) =>
  items
    .filter((item) => item.name.trim() !== '')
    .map((item) => ({
      ...(item.itemId ? { itemId: item.itemId } : {}),
      name: item.name.trim(),
      price: wonOf(item.price),
      discount: wonOf(item.discount),
    }));

/** The plan as rows of item, price and discount; items are added, changed and removed in place. */
export const PlanEditor = ({ items, onChange }: { items: readonly DraftItem[]; onChange: (items: DraftItem[]) => void }) => {
  const { t, i18n } = useTranslation();
  const language = languageOf(i18n);
  const update = (key: number, change: Partial<DraftItem>) => onChange(items.map((item) => (item.key === key ? { ...item, ...change } : item)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...items];
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + by, 0, item);
    onChange(next);
  };
  const total = items.reduce((sum, item) => sum + wonOf(item.price) - wonOf(item.discount), 0);
  return (
    <div className="plan-editor">
      {items.map((item, index) => (
        <fieldset key={item.key} className="plan-line">
          <legend className="visually-hidden">
            {t('form.item')} {index + 1}
          </legend>
          <TextField label={t('form.itemName')} value={item.name} onChange={(name) => update(item.key, { name })} maxLength={80} autoFocus={index === items.length - 1 && item.name === ''} />
          {item.locked ? (
            <p className="field locked-price">
              <span>{t('form.price')}</span>
              <span className="money">{formatMoney(wonOf(item.price), language)}</span>
            </p>
          ) : (
            <MoneyField label={t('form.price')} value={item.price} onChange={(price) => update(item.key, { price })} />
          )}
          <MoneyField label={t('form.discount')} value={item.discount} onChange={(discount) => update(item.key, { discount })} />
          <span className="plan-order">
            <button type="button" className="quiet icon-button" disabled={index === 0} aria-label={t('form.moveUp', { name: item.name || `${index + 1}` })} onClick={() => move(index, -1)}>
              <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
                <path d="M3 10l5-5 5 5" fill="none" stroke="currentColor" strokeWidth="2" />
              </svg>
            </button>
            <button
              type="button"
              className="quiet icon-button"
              disabled={index === items.length - 1}
              aria-label={t('form.moveDown', { name: item.name || `${index + 1}` })}
              onClick={() => move(index, 1)}
            >
              <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
                <path d="M3 6l5 5 5-5" fill="none" stroke="currentColor" strokeWidth="2" />
              </svg>
            </button>
          </span>
          {item.locked ? <span /> : (
            <button
              type="button"
              className="quiet remove"
              aria-label={t('form.removeItem', { name: item.name || `${index + 1}` })}
              title={t('form.removeItem', { name: item.name || `${index + 1}` })}
              onClick={() => onChange(items.filter((each) => each.key !== item.key))}
            >
              <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
                <path d="M3 3l10 10M13 3 3 13" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
              </svg>
            </button>
          )}
        </fieldset>
      ))}
      <div className="plan-editor-foot">
        <button type="button" className="quiet" onClick={() => onChange([...items, draftItem()])}>
          + {t('form.addItem')}
        </button>
        <span className="money">{t('form.planTotal', { amount: formatMoney(total, language) })}</span>
      </div>
    </div>
  );
};
