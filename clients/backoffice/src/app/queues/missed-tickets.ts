import { Component, computed, inject, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { I18n } from '../core/i18n';

export interface MissedTicket {
  id: string;
  number: number;
  name: string;
  finishedAt?: string | null;
}

/**
 * The people who missed their turn, newest first (the last 10): staff put one back in the line at a position
 * (1, the default: next) or call them again.
 */
@Component({
  selector: 'app-missed-tickets',
  imports: [FormsModule],
  template: `
    @if (latest().length > 0) {
      <section class="card" aria-labelledby="missed-title" data-testid="missed">
        <h2 id="missed-title">{{ t().missedTitle }}</h2>
        <ul class="missed">
          @for (ticket of latest(); track ticket.id) {
            <li data-testid="missed-row" [attr.data-number]="ticket.number">
              <span
                ><strong>{{ ticket.number }}</strong> {{ ticket.name }}</span
              >
              <label [for]="'back-' + ticket.id">{{ t().putBackAt }}</label>
              <input
                [id]="'back-' + ticket.id"
                type="number"
                min="1"
                [max]="waiting() + 1"
                [(ngModel)]="positions[ticket.id]"
                [placeholder]="1"
              />
              <button
                data-testid="put-back"
                [attr.aria-label]="t().putBackNamed(ticket.name)"
                (click)="putBack.emit({ ticket, position: positionOf(ticket) })"
              >
                {{ t().putBack }}
              </button>
              <button class="secondary" (click)="recall.emit(ticket)">{{ t().recall }}</button>
            </li>
          }
        </ul>
      </section>
    }
  `,
})
export class MissedTickets {
  protected readonly t = inject(I18n).t;
  readonly missed = input.required<MissedTicket[]>();
  /** How many wait now: a position past them puts the person last. */
  readonly waiting = input.required<number>();
  readonly putBack = output<{ ticket: MissedTicket; position: number }>();
  readonly recall = output<MissedTicket>();
  protected positions: Record<string, number | string | null> = {};
  protected readonly latest = computed(() =>
    [...this.missed()]
      .sort((a, b) => Date.parse(b.finishedAt ?? '') - Date.parse(a.finishedAt ?? ''))
      .slice(0, 10),
  );

  protected positionOf(ticket: MissedTicket): number {
    const chosen = Number(this.positions[ticket.id]);
    return Number.isInteger(chosen) && chosen >= 1 ? chosen : 1;
  }
}
