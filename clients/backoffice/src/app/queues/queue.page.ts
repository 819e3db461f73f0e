import { Component, computed, inject, input, OnDestroy, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import type { QueueScreenQuery } from '../../gql/graphql';
import { AuthService } from '../auth/auth.service';
import { validatePersonName, validateQueueName } from '../auth/validation';
import { Api, ApiError } from '../core/api';
import { errorText, I18n } from '../core/i18n';
import { QrCode } from '../core/qr';
import { apiLanguage } from '../../../../shared/language';
import {
  AddTicket,
  CallNext,
  Complete,
  DeleteQueue,
  NewTicketLink,
  NoShow,
  QueueEvents,
  QueueScreen,
  Recall,
  Remove,
  RetryMessage,
  ReturnTicket,
  SetStatus,
  TicketMessagesOf,
  UpdateQueue,
} from './queue.documents';
import { queueEdit, queueEditInput, type QueueEdit } from './queue-input';
import { MissedTickets, type MissedTicket } from './missed-tickets';
import { MessageTemplates, templatesForm, templatesInput, type TemplateInput } from './message-templates';
import { MessageTexts } from './messages.i18n';
import { CountersEditor, countersInput, type CounterDraft } from './counters-editor';
import { MessagePoller } from './message-poller';
import { TicketMessages, type TicketMessage } from './ticket-messages';

type Ticket = QueueScreenQuery['queueTickets']['items'][number];
type QueueStatus = 'OPEN' | 'PAUSED' | 'CLOSED';

/** /queues/:id: the live ticket list; add, call next (also the N key), served, remove. */
@Component({
  selector: 'app-queue',
  imports: [FormsModule, RouterLink, QrCode, TicketMessages, MessageTemplates, CountersEditor, MissedTickets],
  host: { '(document:keydown)': 'shortcut($event)' },
  templateUrl: './queue.page.html',
})
export class QueuePage implements OnInit, OnDestroy {
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly m = inject(MessageTexts).t;
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  readonly id = input.required<string>();
  readonly name = signal('');
  readonly nowServing = signal<number | null | undefined>(null);
  readonly tickets = signal<Ticket[]>([]);
  readonly waiting = computed(() => this.tickets().filter((t) => t.status === 'WAITING'));
  readonly missed = signal<MissedTicket[]>([]);
  readonly notFound = signal(false);
  readonly addError = signal<string | null>(null);
  readonly status = signal<QueueStatus>('OPEN');
  /** Settings, status, QR codes, stats and deleting: owners and managers (a clerk operates the list only). */
  readonly canSettings = signal(false);
  readonly confirmingDelete = signal(false);
  readonly editError = signal<string | null>(null);
  edit: QueueEdit = queueEdit({
    name: '',
    selfJoin: false,
    serveOnNext: true,
    onePerContact: false,
    presence: 'OFF',
    graceCallsNext: false,
    snoozeLimit: 1,
  });
  readonly rotations = ['OFF', 'HOURLY', 'DAILY'] as const;
  /** The queue's counters, and the one this screen calls to (remembered per queue in this browser). */
  readonly counters = signal<{ id: string; name: string }[]>([]);
  readonly counter = signal<string | null>(null);
  /** The edit form's counters: existing ones keep their id. */
  readonly editCounters = signal<CounterDraft[]>([]);
  /** The edit form's own message texts, by `KIND/LANGUAGE`. */
  readonly templates = signal<Record<string, string>>({});
  readonly messages = new MessagePoller(async (ticketIds) => {
    const { ticketMessages } = await this.auth.asOwner((a) =>
      this.api.request(TicketMessagesOf, { queueId: this.id(), ticketIds }, a),
    );
    return ticketMessages;
  });
  readonly messageError = signal<string | null>(null);
  /** The ticket whose link and QR code show below the form: the one just added, or one shown again. */
  readonly issued = signal<{ number: number; name: string; accessUrl: string } | null>(null);
  /** The row whose link staff asked for again: a new link replaces the old, so they confirm first. */
  readonly confirmingLink = signal<Ticket | null>(null);
  readonly linkError = signal<string | null>(null);
  /** Ticks every 30 s so the waiting times stay current. */
  private readonly now = signal(Date.now());
  private readonly clock = setInterval(() => this.now.set(Date.now()), 30_000);
  readonly statuses: QueueStatus[] = ['OPEN', 'PAUSED', 'CLOSED'];
  private readonly router = inject(Router);
  person = '';
  personEmail = '';
  personPhone = '';
  personParty = 1;
  private version = 0;
  private stop?: () => void;
  private stopReconnected?: () => void;

  async ngOnInit(): Promise<void> {
    await this.read();
    const authorization = this.auth.authorization();
    if (!authorization || this.notFound()) return;
    // Every event re-reads the list: the owner sees names, which events never carry. Once the server has
    // acknowledged the subscription the list is read again: a change between the first read and then has no
    // event here.
    this.stop = this.auth.subscribe(
      QueueEvents,
      { queueId: this.id() },
      (data) => {
        if (data.onQueueEvent && data.onQueueEvent.version > this.version) void this.read();
      },
      () => void this.read(),
    );
    // Events may have been missed while the connection was down: read again once it is back.
    this.stopReconnected = this.api.onReconnected(() => void this.read());
  }

  ngOnDestroy(): void {
    this.stop?.();
    this.stopReconnected?.();
    clearInterval(this.clock);
    this.messages.stop();
  }

  minutesWaiting(ticket: Ticket): number {
    return Math.max(0, Math.floor((this.now() - Date.parse(ticket.joinedAt)) / 60_000));
  }

  print(): void {
    window.print();
  }

  private async read(): Promise<void> {
    let data;
    try {
      data = await this.auth.asOwner((authorization) =>
        this.api.request(QueueScreen, { id: this.id() }, authorization),
      );
    } catch (error) {
      // Another owner's queue answers exactly like a missing one.
      if (error instanceof ApiError && (error.errorType === 'NOT_FOUND' || error.errorType === 'VALIDATION'))
        return this.notFound.set(true);
      throw error;
    }
    if (!data.queue) return this.notFound.set(true);
    this.version = data.queue.version;
    this.name.set(data.queue.name);
    this.nowServing.set(data.queue.nowServing);
    this.status.set(data.queue.status as QueueStatus);
    this.canSettings.set(data.myVenues.find((v) => v.id === data.queue!.venueId)?.role !== 'CLERK');
    const q = data.queue;
    this.edit = queueEdit(q);
    this.templates.set(templatesForm(q.messageTemplates as TemplateInput[]));
    this.counters.set(q.counters);
    this.editCounters.set(q.counters.map((c) => ({ ...c })));
    const chosen = localStorage.getItem(this.counterKey());
    this.counter.set(q.counters.some((c) => c.id === chosen) ? chosen : (q.counters[0]?.id ?? null));
    this.tickets.set(data.queueTickets.items);
    this.missed.set(data.missed.items);
    await this.messages.read(data.queueTickets.items.map((t) => t.id));
  }

  async retry(message: TicketMessage): Promise<void> {
    this.messageError.set(null);
    try {
      await this.auth.asOwner((a) => this.api.request(RetryMessage, { id: message.id }, a));
    } catch (e) {
      this.messageError.set(errorText(this.t(), e));
    }
    await this.messages.read(this.tickets().map((t) => t.id));
  }

  private async run(call: (authorization: string) => Promise<unknown>): Promise<void> {
    await this.auth.asOwner(call);
    await this.read();
  }

  shortcut(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    if (event.key.toLowerCase() === 'n' && !event.ctrlKey && !event.metaKey && target?.tagName !== 'INPUT')
      void this.callNext();
  }

  callNext = () =>
    this.run((a) => this.api.request(CallNext, { queueId: this.id(), counter: this.counter() }, a));

  private counterKey = () => `qm.counter.${this.id()}`;

  chooseCounter(id: string): void {
    this.counter.set(id || null);
    localStorage.setItem(this.counterKey(), id);
  }

  complete = (t: Ticket) => this.run((a) => this.api.request(Complete, { id: t.id }, a));
  remove = (t: Ticket) => this.run((a) => this.api.request(Remove, { id: t.id }, a));
  recall = (t: Ticket) => this.run((a) => this.api.request(Recall, { id: t.id }, a));
  noShow = (t: Ticket) => this.run((a) => this.api.request(NoShow, { id: t.id }, a));
  recallMissed = (t: MissedTicket) => this.run((a) => this.api.request(Recall, { id: t.id }, a));
  putBack = ({ ticket, position }: { ticket: MissedTicket; position: number }) =>
    this.run((a) => this.api.request(ReturnTicket, { id: ticket.id, position }, a));
  setStatus = (status: QueueStatus) =>
    this.run((a) => this.api.request(SetStatus, { id: this.id(), status }, a));

  async save(): Promise<void> {
    const error = validateQueueName(this.edit.name, this.t());
    this.editError.set(error ?? null);
    if (error) return;
    const input = {
      ...queueEditInput(this.edit),
      messageTemplates: templatesInput(this.templates()),
      counters: countersInput(this.editCounters()),
    };
    try {
      await this.run((a) => this.api.request(UpdateQueue, { id: this.id(), input }, a));
    } catch (e) {
      this.editError.set(errorText(this.t(), e));
    }
  }

  async deleteQueue(): Promise<void> {
    this.stop?.();
    await this.auth.asOwner((a) => this.api.request(DeleteQueue, { id: this.id() }, a));
    await this.router.navigate(['/queues']);
  }

  async add(): Promise<void> {
    const name = this.person.trim();
    const error = validatePersonName(name, this.t()) ?? null;
    this.addError.set(error);
    if (error) return;
    try {
      const { addTicket } = await this.auth.asOwner((a) =>
        this.api.request(
          AddTicket,
          {
            queueId: this.id(),
            input: {
              name,
              ...(this.personEmail.trim() ? { email: this.personEmail.trim() } : {}),
              ...(this.personPhone.trim() ? { phone: this.personPhone.trim() } : {}),
              ...(Number(this.personParty) > 1 ? { partySize: Number(this.personParty) } : {}),
              // The person's messages are written in the language staff is using.
              language: apiLanguage(this.i18n.language()),
            },
          },
          a,
        ),
      );
      // Each person's details belong to that person only: the whole form clears once the ticket exists,
      // before anything else can fail, so the next person starts from empty fields.
      this.person = '';
      this.personEmail = '';
      this.personPhone = '';
      this.personParty = 1;
      this.confirmingLink.set(null);
      this.issued.set({ ...addTicket.ticket, accessUrl: addTicket.accessUrl });
      document.getElementById('person')?.focus();
      await this.read();
    } catch (e) {
      this.addError.set(errorText(this.t(), e));
    }
  }

  /** Asks before replacing a ticket's link, with the question in view and its button focused. */
  askForLink(ticket: Ticket): void {
    this.linkError.set(null);
    this.confirmingLink.set(ticket);
    setTimeout(() => document.getElementById('make-new-link')?.focus());
  }

  async newLink(ticket: Ticket): Promise<void> {
    this.linkError.set(null);
    try {
      const { newTicketLink } = await this.auth.asOwner((a) =>
        this.api.request(NewTicketLink, { id: ticket.id }, a),
      );
      this.confirmingLink.set(null);
      this.issued.set({ ...newTicketLink.ticket, accessUrl: newTicketLink.accessUrl });
      setTimeout(() => document.getElementById('issued-title')?.focus());
    } catch (e) {
      this.linkError.set(errorText(this.t(), e));
    }
  }
}
