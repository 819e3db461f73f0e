import { Component, inject, input, output } from '@angular/core';
import { MessageTexts } from './messages.i18n';

export interface TicketMessage {
  id: string;
  channel: string;
  kind: string;
  status: string;
  failures: number;
}

/** One ticket's messages in the live queue: channel, what it said, where it is; a failed one can be retried. */
@Component({
  selector: 'app-ticket-messages',
  template: `
    @for (m of messages(); track m.id) {
      <span class="message" [attr.data-status]="m.status" data-testid="message">
        {{ t().channel[m.channel] }} · {{ t().kind[m.kind] }} · <strong>{{ t().state[m.status] }}</strong>
        @if (m.status === 'FAILED' && m.kind !== 'REPLY') {
          <button
            class="secondary"
            data-testid="retry-message"
            [attr.aria-label]="t().retryLabel(t().channel[m.channel]!, t().kind[m.kind]!)"
            (click)="retry.emit(m)"
          >
            {{ t().retry }}
          </button>
        }
      </span>
    } @empty {
      <span class="muted">{{ t().none }}</span>
    }
  `,
})
export class TicketMessages {
  protected readonly t = inject(MessageTexts).t;
  readonly messages = input.required<TicketMessage[]>();
  readonly retry = output<TicketMessage>();
}
