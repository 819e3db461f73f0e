import { signal } from '@angular/core';
import type { TicketMessage } from './ticket-messages';

/**
 * Each listed ticket's messages and where they are: read with the list, and again every 2 s while one is still
 * on its way (queued, sending, retrying); a state change is not a queue change, so no event brings it.
 */
export class MessagePoller {
  readonly byTicket = signal<Record<string, TicketMessage[]>>({});
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly load: (ticketIds: string[]) => Promise<(TicketMessage & { ticketId: string })[]>,
  ) {}

  async read(ticketIds: string[]): Promise<void> {
    clearTimeout(this.timer);
    if (ticketIds.length === 0) return this.byTicket.set({});
    const messages = await this.load(ticketIds);
    const byTicket: Record<string, TicketMessage[]> = {};
    for (const m of messages) (byTicket[m.ticketId] ??= []).push(m);
    this.byTicket.set(byTicket);
    if (messages.some((m) => m.status !== 'SENT' && m.status !== 'FAILED'))
      this.timer = setTimeout(() => void this.read(ticketIds).catch(() => undefined), 2000);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
