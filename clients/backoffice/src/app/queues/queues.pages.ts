import { Component, computed, inject, input, OnDestroy, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { graphql } from '../../gql';
import { AuthService } from '../auth/auth.service';
import { validateQueueName } from '../auth/validation';
import { Api, ApiError } from '../core/api';
import { errorText, I18n } from '../core/i18n';
import { QrCode } from '../core/qr';

const MyQueues = graphql(`
  query MyQueues {
    myQueues(limit: 100) {
      items {
        id
        name
        status
        waitingCount
        nowServing
      }
    }
  }
`);
const ListEvents = graphql(`
  subscription QueueListEvents($queueId: ID!) {
    onQueueEvent(queueId: $queueId) {
      queueId
      version
      waitingCount
      nowServing
    }
  }
`);
const CreateQueue = graphql(`
  mutation CreateQueue($input: CreateQueueInput!) {
    createQueue(input: $input) {
      id
    }
  }
`);

/** /queues: the owner's queues with their waiting counts; create one. */
@Component({
  selector: 'app-queues',
  imports: [FormsModule, RouterLink],
  template: `
    <section class="card">
      <h1>{{ t().yourQueues }}</h1>
      @if (queues().length === 0) {
        <p data-testid="no-queues">{{ t().noQueues }}</p>
      }
      <ul class="queues">
        @for (queue of queues(); track queue.id) {
          <li>
            <a [routerLink]="['/queues', queue.id]">{{ queue.name }}</a> · {{ t().status[queue.status] }} ·
            <span data-testid="waiting">{{ t().waiting(queue.waitingCount) }}</span>
          </li>
        }
      </ul>
    </section>
    <form class="card" (ngSubmit)="create()" novalidate>
      <h2>{{ t().newQueue }}</h2>
      <label for="queue-name">{{ t().queueName }}</label>
      <input
        id="queue-name"
        name="name"
        [(ngModel)]="name"
        [attr.aria-invalid]="nameError() ? true : null"
        aria-describedby="queue-name-error"
      />
      @if (nameError()) {
        <p class="error" id="queue-name-error" role="alert">{{ nameError() }}</p>
      }
      <label for="queue-description">{{ t().description }}</label>
      <input id="queue-description" name="description" [(ngModel)]="description" />
      <label for="called-message">{{ t().calledMessage }}</label>
      <input id="called-message" name="calledMessage" [(ngModel)]="calledMessage" />
      <label for="queue-capacity">{{ t().capacity }}</label>
      <input id="queue-capacity" name="capacity" type="number" min="1" [(ngModel)]="capacity" />
      <label class="check"
        ><input type="checkbox" name="selfJoin" [(ngModel)]="selfJoin" /> {{ t().selfJoin }}</label
      >
      <button type="submit">{{ t().createQueue }}</button>
    </form>
  `,
})
export class QueuesPage implements OnInit, OnDestroy {
  protected readonly t = inject(I18n).t;
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  readonly queues = signal<
    { id: string; name: string; status: string; waitingCount: number; nowServing?: number | null }[]
  >([]);
  readonly nameError = signal<string | undefined>(undefined);
  name = '';
  description = '';
  calledMessage = '';
  capacity: number | null = null;
  selfJoin = true;

  private readonly stops: (() => void)[] = [];

  async ngOnInit(): Promise<void> {
    const { myQueues } = await this.auth.asOwner((authorization) =>
      this.api.request(MyQueues, {}, authorization),
    );
    this.queues.set(myQueues.items);
    // Waiting counts stay live: each queue's events carry them.
    const authorization = this.auth.authorization();
    if (!authorization) return;
    // Events may have been missed while the connection was down: read the counts again once it is back.
    this.stops.push(
      this.api.onReconnected(async () => {
        const { myQueues: fresh } = await this.auth.asOwner((a) => this.api.request(MyQueues, {}, a));
        this.queues.set(fresh.items);
      }),
    );
    for (const queue of myQueues.items)
      this.stops.push(
        this.auth.subscribe(ListEvents, { queueId: queue.id }, ({ onQueueEvent: event }) => {
          if (!event) return;
          this.queues.update((list) =>
            list.map((q) =>
              q.id === event.queueId
                ? { ...q, waitingCount: event.waitingCount, nowServing: event.nowServing }
                : q,
            ),
          );
        }),
      );
  }

  ngOnDestroy(): void {
    for (const stop of this.stops) stop();
  }

  async create(): Promise<void> {
    const error = validateQueueName(this.name, this.t());
    this.nameError.set(error);
    if (error) return;
    try {
      const input = {
        name: this.name.trim(),
        description: this.description.trim() || null,
        calledMessage: this.calledMessage.trim() || null,
        capacity: this.capacity === null || String(this.capacity) === '' ? null : Number(this.capacity),
        selfJoin: this.selfJoin,
      };
      const { createQueue } = await this.auth.asOwner((authorization) =>
        this.api.request(CreateQueue, { input }, authorization),
      );
      await this.router.navigate(['/queues', createQueue.id]);
    } catch (e) {
      this.nameError.set(errorText(this.t(), e));
    }
  }
}

const QueueScreen = graphql(`
  query QueueScreen($id: ID!) {
    queue(id: $id) {
      id
      name
      description
      calledMessage
      selfJoin
      serveOnNext
      capacity
      status
      nowServing
      waitingCount
      version
      joinUrl
    }
    queueTickets(queueId: $id, statuses: [WAITING, CALLED], limit: 500) {
      items {
        id
        number
        name
        status
        position
        joinedAt
      }
    }
  }
`);
const QueueEvents = graphql(`
  subscription QueueScreenEvents($queueId: ID!) {
    onQueueEvent(queueId: $queueId) {
      version
      kind
    }
  }
`);
const AddTicket = graphql(`
  mutation AddTicket($queueId: ID!, $input: TicketInput!) {
    addTicket(queueId: $queueId, input: $input) {
      accessUrl
      ticket {
        number
        name
      }
    }
  }
`);
const CallNext = graphql(`
  mutation CallNext($queueId: ID!) {
    callNext(queueId: $queueId) {
      number
    }
  }
`);
const Complete = graphql(`
  mutation Complete($id: ID!) {
    completeTicket(id: $id) {
      id
    }
  }
`);
const UpdateQueue = graphql(`
  mutation UpdateQueue($id: ID!, $input: UpdateQueueInput!) {
    updateQueue(id: $id, input: $input) {
      id
    }
  }
`);
const Recall = graphql(`
  mutation Recall($id: ID!) {
    recallTicket(id: $id) {
      id
    }
  }
`);
const NoShow = graphql(`
  mutation NoShow($id: ID!) {
    markNoShow(id: $id) {
      id
    }
  }
`);
const SetStatus = graphql(`
  mutation SetStatus($id: ID!, $status: QueueStatus!) {
    setQueueStatus(id: $id, status: $status) {
      status
    }
  }
`);
const DeleteQueue = graphql(`
  mutation DeleteQueue($id: ID!) {
    deleteQueue(id: $id)
  }
`);
const Remove = graphql(`
  mutation Remove($id: ID!) {
    removeTicket(id: $id) {
      id
    }
  }
`);

type Ticket = {
  id: string;
  number: number;
  name: string;
  status: string;
  position?: number | null;
  joinedAt: string;
};
type QueueStatus = 'OPEN' | 'PAUSED' | 'CLOSED';

/** /queues/:id: the live ticket list; add, call next (also the N key), served, remove. */
@Component({
  selector: 'app-queue',
  imports: [FormsModule, RouterLink, QrCode],
  host: { '(document:keydown)': 'shortcut($event)' },
  template: `
    @if (notFound()) {
      <section class="card" data-testid="queue-not-found">
        <h1>{{ t().queueNotFound }}</h1>
      </section>
    } @else {
      <section class="card banner">
        <h1>
          {{ name() }} <small data-testid="queue-status">{{ t().status[status()] }}</small>
        </h1>
        <nav class="row">
          @for (option of statuses; track option) {
            <button class="secondary" [disabled]="status() === option" (click)="setStatus(option)">
              {{ t().statusAction[option] }}
            </button>
          }
          <a [routerLink]="['/queues', id(), 'qr']">{{ t().qrCodes }}</a>
          <a [routerLink]="['/queues', id(), 'stats']">{{ t().stats }}</a>
          @if (!confirmingDelete()) {
            <button class="secondary" (click)="confirmingDelete.set(true)">{{ t().deleteQueue }}</button>
          } @else {
            <span role="alertdialog" [attr.aria-label]="t().deleteConfirm"
              >{{ t().deleteConfirm }} <button (click)="deleteQueue()">{{ t().yesDelete }}</button>
              <button class="secondary" (click)="confirmingDelete.set(false)">{{ t().keepIt }}</button></span
            >
          }
        </nav>
        <p aria-live="polite">
          {{ t().nowServing }} <strong data-testid="now-serving">{{ nowServing() ?? '—' }}</strong> ·
          <span data-testid="waiting-count">{{ t().waiting(waiting().length) }}</span>
        </p>
        <button (click)="callNext()" [disabled]="waiting().length === 0" aria-keyshortcuts="N">
          {{ t().callNext }}
        </button>
      </section>
      <section class="card">
        <table class="tickets">
          <thead>
            <tr>
              <th>{{ t().position }}</th>
              <th>{{ t().number }}</th>
              <th>{{ t().name }}</th>
              <th>{{ t().waitingFor }}</th>
              <th>{{ t().statusColumn }}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            @for (ticket of tickets(); track ticket.id) {
              <tr data-testid="ticket-row" [attr.data-number]="ticket.number">
                <td data-testid="position" [attr.data-label]="t().position">{{ ticket.position ?? '—' }}</td>
                <td [attr.data-label]="t().number">{{ ticket.number }}</td>
                <td [attr.data-label]="t().name">{{ ticket.name }}</td>
                <td [attr.data-label]="t().waitingFor">{{ t().minutes(minutesWaiting(ticket)) }}</td>
                <td [attr.data-label]="t().statusColumn">
                  {{ t().ticketStatus[ticket.status] ?? ticket.status }}
                </td>
                <td class="actions">
                  @if (ticket.status === 'CALLED') {
                    <button (click)="complete(ticket)">{{ t().served }}</button>
                    <button class="secondary" (click)="recall(ticket)">{{ t().recall }}</button>
                    <button class="secondary" (click)="noShow(ticket)">{{ t().noShow }}</button>
                  }
                  <button
                    class="secondary"
                    (click)="remove(ticket)"
                    [attr.aria-label]="t().removeNamed(ticket.name)"
                  >
                    {{ t().remove }}
                  </button>
                </td>
              </tr>
            } @empty {
              <tr>
                <td colspan="6" data-testid="empty">{{ t().nobodyWaiting }}</td>
              </tr>
            }
          </tbody>
        </table>
      </section>
      <details class="card">
        <summary>{{ t().editQueue }}</summary>
        <form class="grid" (ngSubmit)="save()" novalidate>
          <label for="edit-name">{{ t().queueName }}</label>
          <input
            id="edit-name"
            name="editName"
            [(ngModel)]="edit.name"
            [attr.aria-invalid]="editError() ? true : null"
            aria-describedby="edit-error"
          />
          <label for="edit-description">{{ t().description }}</label>
          <input id="edit-description" name="editDescription" [(ngModel)]="edit.description" />
          <label for="edit-called">{{ t().calledMessage }}</label>
          <input id="edit-called" name="editCalled" [(ngModel)]="edit.calledMessage" />
          <label class="check"
            ><input type="checkbox" name="editSelfJoin" [(ngModel)]="edit.selfJoin" />
            {{ t().selfJoin }}</label
          >
          <label class="check"
            ><input type="checkbox" name="editServeOnNext" [(ngModel)]="edit.serveOnNext" />
            {{ t().serveOnNext }}</label
          >
          <label for="edit-capacity">{{ t().capacity }}</label>
          <input id="edit-capacity" name="editCapacity" type="number" min="1" [(ngModel)]="edit.capacity" />
          @if (editError()) {
            <p class="error" id="edit-error" role="alert">{{ editError() }}</p>
          }
          <button type="submit">{{ t().save }}</button>
        </form>
      </details>
      <form class="card" (ngSubmit)="add()" novalidate>
        <h2>{{ t().addPerson }}</h2>
        <label for="person">{{ t().personName }}</label>
        <input
          id="person"
          name="person"
          [(ngModel)]="person"
          [attr.aria-invalid]="addError() ? true : null"
          aria-describedby="person-error"
        />
        @if (addError()) {
          <p class="error" id="person-error" role="alert">{{ addError() }}</p>
        }
        <label for="person-email">{{ t().personEmail }}</label>
        <input id="person-email" name="personEmail" type="email" [(ngModel)]="personEmail" />
        <label for="person-phone">{{ t().personPhone }}</label>
        <input id="person-phone" name="personPhone" type="tel" [(ngModel)]="personPhone" />
        <button type="submit">{{ t().add }}</button>
      </form>
      @if (issued(); as ticket) {
        <section class="card printable" data-testid="issued">
          <h2>{{ t().ticketNumber(ticket.number, ticket.name) }}</h2>
          <app-qr [url]="ticket.accessUrl" [caption]="t().scanToFollow" />
          <button class="secondary no-print" (click)="print()">{{ t().print }}</button>
        </section>
      }
    }
  `,
})
export class QueuePage implements OnInit, OnDestroy {
  protected readonly t = inject(I18n).t;
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  readonly id = input.required<string>();
  readonly name = signal('');
  readonly nowServing = signal<number | null | undefined>(null);
  readonly tickets = signal<Ticket[]>([]);
  readonly waiting = computed(() => this.tickets().filter((t) => t.status === 'WAITING'));
  readonly notFound = signal(false);
  readonly addError = signal<string | null>(null);
  readonly status = signal<QueueStatus>('OPEN');
  readonly confirmingDelete = signal(false);
  readonly editError = signal<string | null>(null);
  edit = {
    name: '',
    description: '',
    calledMessage: '',
    selfJoin: false,
    serveOnNext: true,
    capacity: null as number | null,
  };
  readonly issued = signal<{ number: number; name: string; accessUrl: string } | null>(null);
  /** Ticks every 30 s so the waiting times stay current. */
  private readonly now = signal(Date.now());
  private readonly clock = setInterval(() => this.now.set(Date.now()), 30_000);
  readonly statuses: QueueStatus[] = ['OPEN', 'PAUSED', 'CLOSED'];
  readonly labels: Record<QueueStatus, string> = { OPEN: 'Open', PAUSED: 'Pause', CLOSED: 'Close' };
  private readonly router = inject(Router);
  person = '';
  personEmail = '';
  personPhone = '';
  private version = 0;
  private stop?: () => void;
  private stopReconnected?: () => void;

  async ngOnInit(): Promise<void> {
    await this.read();
    const authorization = this.auth.authorization();
    if (!authorization || this.notFound()) return;
    // Every event re-reads the list: the owner sees names, which events never carry.
    this.stop = this.auth.subscribe(QueueEvents, { queueId: this.id() }, (data) => {
      if (data.onQueueEvent && data.onQueueEvent.version > this.version) void this.read();
    });
    // Events may have been missed while the connection was down: read again once it is back.
    this.stopReconnected = this.api.onReconnected(() => void this.read());
  }

  ngOnDestroy(): void {
    this.stop?.();
    this.stopReconnected?.();
    clearInterval(this.clock);
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
    const q = data.queue;
    this.edit = {
      name: q.name,
      description: q.description ?? '',
      calledMessage: q.calledMessage ?? '',
      selfJoin: q.selfJoin,
      serveOnNext: q.serveOnNext,
      capacity: q.capacity ?? null,
    };
    this.tickets.set(data.queueTickets.items);
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

  callNext = () => this.run((a) => this.api.request(CallNext, { queueId: this.id() }, a));
  complete = (t: Ticket) => this.run((a) => this.api.request(Complete, { id: t.id }, a));
  remove = (t: Ticket) => this.run((a) => this.api.request(Remove, { id: t.id }, a));
  recall = (t: Ticket) => this.run((a) => this.api.request(Recall, { id: t.id }, a));
  noShow = (t: Ticket) => this.run((a) => this.api.request(NoShow, { id: t.id }, a));
  setStatus = (status: QueueStatus) =>
    this.run((a) => this.api.request(SetStatus, { id: this.id(), status }, a));

  async save(): Promise<void> {
    const error = validateQueueName(this.edit.name, this.t());
    this.editError.set(error ?? null);
    if (error) return;
    const capacity =
      this.edit.capacity === null || String(this.edit.capacity) === '' ? null : Number(this.edit.capacity);
    const input = {
      name: this.edit.name.trim(),
      description: this.edit.description.trim() || null,
      calledMessage: this.edit.calledMessage.trim() || null,
      selfJoin: this.edit.selfJoin,
      serveOnNext: this.edit.serveOnNext,
      capacity,
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
    const error = validateQueueName(name) ? this.t().errors.personInvalid : null;
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
      this.issued.set({ ...addTicket.ticket, accessUrl: addTicket.accessUrl });
      document.getElementById('person')?.focus();
      await this.read();
    } catch (e) {
      this.addError.set(errorText(this.t(), e));
    }
  }
}
