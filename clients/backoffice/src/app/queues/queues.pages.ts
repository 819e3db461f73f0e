import { Component, computed, inject, input, OnDestroy, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { graphql } from '../../gql';
import { AuthService } from '../auth/auth.service';
import { validateQueueName } from '../auth/validation';
import { Api, ApiError } from '../core/api';

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
      <h1>Your queues</h1>
      @if (queues().length === 0) {
        <p data-testid="no-queues">No queues yet: create your first one below.</p>
      }
      <ul class="queues">
        @for (queue of queues(); track queue.id) {
          <li>
            <a [routerLink]="['/queues', queue.id]">{{ queue.name }}</a> · {{ queue.status }} ·
            <span data-testid="waiting">{{ queue.waitingCount }} waiting</span>
          </li>
        }
      </ul>
    </section>
    <form class="card" (ngSubmit)="create()" novalidate>
      <h2>New queue</h2>
      <label for="queue-name">Name</label>
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
      <label for="called-message">Message shown to the person called</label>
      <input id="called-message" name="calledMessage" [(ngModel)]="calledMessage" />
      <label class="check"
        ><input type="checkbox" name="selfJoin" [(ngModel)]="selfJoin" /> People may join from the queue's QR
        code</label
      >
      <button type="submit">Create queue</button>
    </form>
  `,
})
export class QueuesPage implements OnInit {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  readonly queues = signal<
    { id: string; name: string; status: string; waitingCount: number; nowServing?: number | null }[]
  >([]);
  readonly nameError = signal<string | undefined>(undefined);
  name = '';
  calledMessage = '';
  selfJoin = true;

  async ngOnInit(): Promise<void> {
    const { myQueues } = await this.auth.asOwner((authorization) =>
      this.api.request(MyQueues, {}, authorization),
    );
    this.queues.set(myQueues.items);
  }

  async create(): Promise<void> {
    const error = validateQueueName(this.name);
    this.nameError.set(error);
    if (error) return;
    try {
      const input = {
        name: this.name.trim(),
        calledMessage: this.calledMessage.trim() || null,
        selfJoin: this.selfJoin,
      };
      const { createQueue } = await this.auth.asOwner((authorization) =>
        this.api.request(CreateQueue, { input }, authorization),
      );
      await this.router.navigate(['/queues', createQueue.id]);
    } catch (e) {
      this.nameError.set(e instanceof ApiError ? e.message : 'The queue could not be created.');
    }
  }
}

const QueueScreen = graphql(`
  query QueueScreen($id: ID!) {
    queue(id: $id) {
      id
      name
      status
      nowServing
      waitingCount
      version
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
      ticket {
        number
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
};

/** /queues/:id: the live ticket list; add, call next (also the N key), served, remove. */
@Component({
  selector: 'app-queue',
  imports: [FormsModule],
  host: { '(document:keydown)': 'shortcut($event)' },
  template: `
    @if (notFound()) {
      <section class="card" data-testid="queue-not-found"><h1>Queue not found</h1></section>
    } @else {
      <section class="card banner">
        <h1>{{ name() }}</h1>
        <p aria-live="polite">
          Now serving <strong data-testid="now-serving">{{ nowServing() ?? '—' }}</strong> ·
          <span data-testid="waiting-count">{{ waiting().length }} waiting</span>
        </p>
        <button (click)="callNext()" [disabled]="waiting().length === 0" aria-keyshortcuts="N">
          Call next (N)
        </button>
      </section>
      <section class="card">
        <table>
          <thead>
            <tr>
              <th>Position</th>
              <th>Number</th>
              <th>Name</th>
              <th>Status</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            @for (ticket of tickets(); track ticket.id) {
              <tr data-testid="ticket-row" [attr.data-number]="ticket.number">
                <td data-testid="position">{{ ticket.position ?? '—' }}</td>
                <td>{{ ticket.number }}</td>
                <td>{{ ticket.name }}</td>
                <td>{{ ticket.status }}</td>
                <td>
                  @if (ticket.status === 'CALLED') {
                    <button (click)="complete(ticket)">Served</button>
                  }
                  <button
                    class="secondary"
                    (click)="remove(ticket)"
                    [attr.aria-label]="'Remove ' + ticket.name"
                  >
                    Remove
                  </button>
                </td>
              </tr>
            } @empty {
              <tr>
                <td colspan="5" data-testid="empty">Nobody is waiting.</td>
              </tr>
            }
          </tbody>
        </table>
      </section>
      <form class="card" (ngSubmit)="add()" novalidate>
        <h2>Add a person</h2>
        <label for="person">Name</label>
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
        <button type="submit">Add</button>
      </form>
    }
  `,
})
export class QueuePage implements OnInit, OnDestroy {
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  readonly id = input.required<string>();
  readonly name = signal('');
  readonly nowServing = signal<number | null | undefined>(null);
  readonly tickets = signal<Ticket[]>([]);
  readonly waiting = computed(() => this.tickets().filter((t) => t.status === 'WAITING'));
  readonly notFound = signal(false);
  readonly addError = signal<string | null>(null);
  person = '';
  private version = 0;
  private stop?: () => void;

  async ngOnInit(): Promise<void> {
    await this.read();
    const authorization = this.auth.authorization();
    if (!authorization || this.notFound()) return;
    // Every event re-reads the list: the owner sees names, which events never carry.
    this.stop = this.api.subscribe(QueueEvents, { queueId: this.id() }, authorization, (data) => {
      if (data.onQueueEvent && data.onQueueEvent.version > this.version) void this.read();
    });
  }

  ngOnDestroy(): void {
    this.stop?.();
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

  async add(): Promise<void> {
    const name = this.person.trim();
    const error = validateQueueName(name)
      ? 'Please enter a name (at most 128 characters, no < > ; { }).'
      : null;
    this.addError.set(error);
    if (error) return;
    try {
      await this.run((a) => this.api.request(AddTicket, { queueId: this.id(), input: { name } }, a));
      this.person = '';
    } catch (e) {
      this.addError.set(e instanceof ApiError ? e.message : 'The person could not be added.');
    }
  }
}
