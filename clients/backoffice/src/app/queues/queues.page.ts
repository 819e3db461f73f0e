import { Component, computed, inject, OnDestroy, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { graphql } from '../../gql';
import type { MyQueuesQuery } from '../../gql/graphql';
import { AuthService } from '../auth/auth.service';
import { validateQueueName } from '../auth/validation';
import { Api } from '../core/api';
import { errorText, I18n } from '../core/i18n';
import { MessageTexts } from './messages.i18n';
import { queueInput } from './queue-input';
import { PeopleTexts, VENUE_KEY } from '../people/people.i18n';

const MyQueues = graphql(`
  query MyQueues {
    myVenues {
      id
      name
      role
    }
    myQueues(limit: 100) {
      items {
        id
        venueId
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
      @if (venues().length > 1) {
        <label for="venue-switch">{{ p().venue }}</label>
        <select id="venue-switch" [ngModel]="venueId()" (ngModelChange)="chooseVenue($event)">
          <option [ngValue]="null">{{ p().allVenues }}</option>
          @for (v of venues(); track v.id) {
            <option [ngValue]="v.id">{{ v.name }} · {{ p().roles[v.role] }}</option>
          }
        </select>
      }
      @if (shown().length === 0) {
        <p data-testid="no-queues">{{ t().noQueues }}</p>
      }
      <ul class="queues">
        @for (queue of shown(); track queue.id) {
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
      <label for="queue-alert-ahead">{{ m().alertAhead }}</label>
      <input
        id="queue-alert-ahead"
        name="alertAhead"
        type="number"
        min="1"
        max="50"
        [(ngModel)]="alertAhead"
        aria-describedby="queue-alert-ahead-help"
      />
      <small id="queue-alert-ahead-help" class="muted">{{ m().alertAheadHelp }}</small>
      <label class="check"
        ><input type="checkbox" name="selfJoin" [(ngModel)]="selfJoin" /> {{ t().selfJoin }}</label
      >
      <button type="submit">{{ t().createQueue }}</button>
    </form>
  `,
})
export class QueuesPage implements OnInit, OnDestroy {
  protected readonly t = inject(I18n).t;
  protected readonly m = inject(MessageTexts).t;
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  protected readonly p = inject(PeopleTexts).t;
  readonly queues = signal<MyQueuesQuery['myQueues']['items']>([]);
  readonly venues = signal<MyQueuesQuery['myVenues']>([]);
  /** The venue switcher's choice (null: all), remembered in this browser with the people page. */
  readonly venueId = signal<string | null>(localStorage.getItem(VENUE_KEY));
  readonly shown = computed(() =>
    this.venueId() ? this.queues().filter((q) => q.venueId === this.venueId()) : this.queues(),
  );
  readonly nameError = signal<string | undefined>(undefined);
  name = '';
  description = '';
  calledMessage = '';
  capacity: number | null = null;
  alertAhead: number | null = null;
  selfJoin = true;

  private readonly stops: (() => void)[] = [];

  async ngOnInit(): Promise<void> {
    const { myQueues, myVenues } = await this.auth.asOwner((authorization) =>
      this.api.request(MyQueues, {}, authorization),
    );
    this.queues.set(myQueues.items);
    this.venues.set(myVenues);
    if (!myVenues.some((v) => v.id === this.venueId())) this.venueId.set(null);
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

  chooseVenue(id: string | null): void {
    this.venueId.set(id);
    if (id) localStorage.setItem(VENUE_KEY, id);
    else localStorage.removeItem(VENUE_KEY);
  }

  ngOnDestroy(): void {
    for (const stop of this.stops) stop();
  }

  async create(): Promise<void> {
    const error = validateQueueName(this.name, this.t());
    this.nameError.set(error);
    if (error) return;
    try {
      // A new queue goes to the venue chosen above (where the caller may create queues), else the default one.
      const venue = this.venues().find((v) => v.id === this.venueId() && v.role !== 'CLERK');
      const input = { ...queueInput(this), ...(venue ? { venueId: venue.id } : {}) };
      const { createQueue } = await this.auth.asOwner((authorization) =>
        this.api.request(CreateQueue, { input }, authorization),
      );
      await this.router.navigate(['/queues', createQueue.id]);
    } catch (e) {
      this.nameError.set(errorText(this.t(), e));
    }
  }
}
