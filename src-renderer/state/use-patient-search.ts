/**
 * The desk's own patient search as a screen types it (names, Korean initials, the last four
 * digits of a phone, chart numbers): debounced, and an answer to an older query never replaces a
 * newer one. Empty text is no search (null).
 */
import { useEffect, useState } from 'react';
import type { PatientSummary } from '../../shared/contract/desk-views.js';
import { useDesk } from './use-desk.js';

export const SEARCH_DEBOUNCE_MS = 120;

export const usePatientSearch = (query: string): readonly PatientSummary[] | null => {
  const read = useDesk((state) => state.read);
  const [results, setResults] = useState<readonly PatientSummary[] | null>(null);
  useEffect(() => {
    const q = query.trim();
    if (q === '') {
      setResults(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void read('patients.search', { q }).then((answer) => {
        if (current) setResults(answer.ok ? answer.result.items : []);
      });
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, read]);
  return results;
};
