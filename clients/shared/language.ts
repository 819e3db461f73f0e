/** The two languages of every page, chosen once per browser the same way in both apps. */
export type Language = 'en' | 'pt-BR';

const STORAGE_KEY = 'qm.language';

/** The language a person chose before (remembered), else Brazilian Portuguese for a Portuguese browser. */
export function detectLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'pt-BR') return saved;
  return navigator.languages.some((l) => l.toLowerCase().startsWith('pt')) ? 'pt-BR' : 'en';
}

/** Remembers a person's choice and tells the document (screen readers, hyphenation, speech) its language. */
export function applyLanguage(language: Language, remember: boolean): void {
  if (remember) localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
}

/** The other of the two: what the language switch offers. */
export const otherLanguage = (language: Language): Language => (language === 'en' ? 'pt-BR' : 'en');

/** The language as the API spells it (`TicketInput.language`), so a person's messages follow their page. */
export const apiLanguage = (language: Language): 'EN' | 'PT_BR' => (language === 'pt-BR' ? 'PT_BR' : 'EN');
