import { Component, inject, model } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { I18n } from '../core/i18n';

export interface CounterDraft {
  /** Absent for a counter added in this form; kept for an existing one (renaming keeps it the same counter). */
  id?: string;
  name: string;
}

/** The queue form's counters: rename, add, remove; what the API gets is `countersInput`. */
@Component({
  selector: 'app-counters-editor',
  imports: [FormsModule],
  template: `
    <fieldset class="templates" data-testid="counters">
      <legend>{{ t().counters }}</legend>
      <p class="muted">{{ t().countersHelp }}</p>
      @for (c of counters(); track $index; let i = $index) {
        <div class="row">
          <input
            [id]="'counter-' + i"
            [name]="'counter-' + i"
            [attr.aria-label]="t().counterName(i + 1)"
            maxlength="40"
            [ngModel]="c.name"
            (ngModelChange)="rename(i, $event)"
          />
          <button
            type="button"
            class="secondary"
            [attr.aria-label]="t().removeCounter(c.name)"
            (click)="remove(i)"
          >
            ✕
          </button>
        </div>
      }
      <button type="button" class="secondary" (click)="add()">{{ t().addCounter }}</button>
    </fieldset>
  `,
})
export class CountersEditor {
  protected readonly t = inject(I18n).t;
  readonly counters = model.required<CounterDraft[]>();

  add(): void {
    this.counters.update((list) => [...list, { name: this.t().counterName(list.length + 1) }]);
  }

  rename(index: number, name: string): void {
    this.counters.update((list) => list.map((c, i) => (i === index ? { ...c, name } : c)));
  }

  remove(index: number): void {
    this.counters.update((list) => list.filter((_, i) => i !== index));
  }
}

/** The drafts → the API's list: named ones only, trimmed, with the ids of existing counters. */
export function countersInput(drafts: readonly CounterDraft[]): CounterDraft[] {
  return drafts
    .filter((c) => c.name.trim())
    .map((c) => ({ ...(c.id ? { id: c.id } : {}), name: c.name.trim() }));
}
