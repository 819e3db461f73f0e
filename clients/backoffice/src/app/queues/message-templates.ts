import { Component, computed, inject, input, model } from '@angular/core';
import { FormsModule } from '@angular/forms';
import {
  DEFAULT_TEMPLATES,
  fillTemplate,
  smsLength,
  templateProblem,
  type TemplateKind,
} from '../../../../../schema/sms';
import { MessageTexts } from './messages.i18n';

export type TemplateLanguage = 'EN' | 'PT_BR';
export interface TemplateInput {
  kind: TemplateKind;
  language: TemplateLanguage;
  text: string;
}

const SLOTS: { kind: TemplateKind; language: TemplateLanguage }[] = [
  { kind: 'CALLED', language: 'PT_BR' },
  { kind: 'CALLED', language: 'EN' },
  { kind: 'ALMOST', language: 'PT_BR' },
  { kind: 'ALMOST', language: 'EN' },
];

/** A queue's own message texts, each with its SMS length counted as the owner types. */
@Component({
  selector: 'app-message-templates',
  imports: [FormsModule],
  template: `
    <fieldset class="templates">
      <legend>{{ t().templates }}</legend>
      <p class="muted">{{ t().templatesHelp }}</p>
      @for (slot of slots(); track slot.key) {
        <label [for]="slot.key">{{ t().template[slot.kind]![slot.language] }}</label>
        <textarea
          [id]="slot.key"
          [name]="slot.key"
          rows="2"
          maxlength="200"
          [placeholder]="slot.fallback"
          [ngModel]="texts()[slot.key] ?? ''"
          (ngModelChange)="set(slot.key, $event)"
          [attr.aria-describedby]="slot.key + '-length'"
          [attr.aria-invalid]="slot.problem ? true : null"
        ></textarea>
        <small
          [id]="slot.key + '-length'"
          data-testid="sms-length"
          [attr.data-encoding]="slot.length.encoding"
        >
          {{ t().length(slot.length.segments, slot.length.encoding, slot.length.units) }}
        </small>
        @if (slot.problem) {
          <p class="error" role="alert">{{ t().problems[slot.problem] }}</p>
        }
      }
      @if (anyUcs2()) {
        <p class="muted" data-testid="ucs2-note">{{ t().ucs2Note }}</p>
      }
      <p class="muted">{{ t().exampleNote }}</p>
    </fieldset>
  `,
})
export class MessageTemplates {
  protected readonly t = inject(MessageTexts).t;
  /** The queue's name, filled into the example the length is counted on. */
  readonly queueName = input.required<string>();
  /** Texts by `KIND/LANGUAGE`; an empty or missing one means the default. */
  readonly texts = model.required<Record<string, string>>();

  protected readonly slots = computed(() =>
    SLOTS.map(({ kind, language }) => {
      const key = `${kind}/${language}`;
      const own = (this.texts()[key] ?? '').trim();
      const fallback = DEFAULT_TEMPLATES[kind][language === 'PT_BR' ? 'pt-BR' : 'en'];
      const text = own || fallback;
      const example = fillTemplate(text, {
        name: this.t().exampleName,
        number: '127',
        queue: this.queueName(),
        position: '3',
        estimate: '10-15 min',
      });
      return {
        key,
        kind,
        language,
        fallback,
        length: smsLength(example),
        problem: own ? templateProblem(kind, own) : null,
      };
    }),
  );

  protected readonly anyUcs2 = computed(() => this.slots().some((s) => s.length.encoding === 'UCS-2'));

  set(key: string, value: string): void {
    this.texts.update((texts) => ({ ...texts, [key]: value }));
  }
}

/** The form's texts → the API's list (only the queue's own). */
export function templatesInput(texts: Record<string, string>): TemplateInput[] {
  return SLOTS.flatMap(({ kind, language }) => {
    const text = (texts[`${kind}/${language}`] ?? '').trim();
    return text ? [{ kind, language, text }] : [];
  });
}

/** The API's list → the form's texts. */
export function templatesForm(list: readonly TemplateInput[]): Record<string, string> {
  return Object.fromEntries(list.map((t) => [`${t.kind}/${t.language}`, t.text]));
}
