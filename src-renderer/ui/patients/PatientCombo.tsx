/**
 * A patient picked by typing: a combobox over the desk's patient search, each option with the
 * chart number and the masked phone. The reservation's finder and the audit trail's filter use it.
 */
import { useState } from 'react';
import { ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../shared/contract/desk-views.js';
import { maskPhone } from '../../i18n/format.js';
import { usePatientSearch } from '../../state/use-patient-search.js';

export const PatientCombo = ({ label, onChoose, onTyped, autoFocus, className = 'field combo' }: {
  label: string;
  onChoose: (patient: PatientSummary) => void;
  /** What was last typed (not emptied by Esc). */
  onTyped?: (text: string) => void;
  autoFocus?: boolean;
  className?: string;
}) => {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const results = usePatientSearch(query) ?? [];
  return (
    <ComboBox
      className={className}
      items={results}
      inputValue={query}
      onInputChange={(text) => {
        setQuery(text);
        if (text.trim() !== '') onTyped?.(text);
      }}
      defaultFilter={() => true}
      menuTrigger="input"
      allowsEmptyCollection
      onSelectionChange={(key) => {
        const patient = results.find((each) => each.patientId === key);
        if (patient) onChoose(patient);
      }}
    >
      <Label>{label}</Label>
      <Input autoFocus={autoFocus} placeholder={t('reservation.patientHint')} />
      <Text slot="description" className="muted small">
        {t('reservation.patientHint')}
      </Text>
      <Popover className="combo-popover" placement="bottom start">
        <ListBox className="combo-list" renderEmptyState={() => <p className="muted empty-option">{t('reservation.noMatch')}</p>}>
          {(patient: PatientSummary) => (
            <ListBoxItem id={patient.patientId} className="combo-option" textValue={patient.name}>
              <strong>{patient.name}</strong> <span className="muted">{patient.chartNumber}</span> <span className="muted">{maskPhone(patient.phone)}</span>
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
};
