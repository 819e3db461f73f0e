import { Component, inject, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { graphql } from '../../gql';
import type { AuditLogQuery, AuditOperation } from '../../gql/graphql';
import { AuthService } from '../auth/auth.service';
import { Api } from '../core/api';
import { errorText, I18n } from '../core/i18n';
import { AuditTexts } from './audit.i18n';

const AuditLog = graphql(`
  query AuditLog(
    $queueId: ID
    $operation: AuditOperation
    $from: AWSDateTime
    $to: AWSDateTime
    $nextToken: String
  ) {
    auditLog(
      queueId: $queueId
      operation: $operation
      from: $from
      to: $to
      limit: 50
      nextToken: $nextToken
    ) {
      items {
        id
        at
        accountId
        accountName
        operation
        queueName
        ticketNumber
        detail
        requestId
      }
      nextToken
    }
    myQueues(limit: 100) {
      items {
        id
        name
      }
    }
  }
`);

type Entry = AuditLogQuery['auditLog']['items'][number];

/** /audit: who did what to the owner's queues, filtered by queue, action and dates, 50 at a time. */
@Component({
  selector: 'app-audit',
  imports: [FormsModule],
  template: `
    <section class="card">
      <h1>{{ a().title }}</h1>
      <p class="muted">{{ a().intro }}</p>
      <form class="filters" (ngSubmit)="read()" novalidate>
        <div class="field">
          <label for="audit-queue">{{ a().queue }}</label>
          <select id="audit-queue" name="queue" [(ngModel)]="queueId">
            <option [ngValue]="null">{{ a().anyQueue }}</option>
            @for (q of queues(); track q.id) {
              <option [ngValue]="q.id">{{ q.name }}</option>
            }
          </select>
        </div>
        <div class="field">
          <label for="audit-operation">{{ a().operation }}</label>
          <select id="audit-operation" name="operation" [(ngModel)]="operation">
            <option [ngValue]="null">{{ a().anyOperation }}</option>
            @for (op of operations; track op) {
              <option [ngValue]="op">{{ a().operations[op] }}</option>
            }
          </select>
        </div>
        <div class="field">
          <label for="audit-from">{{ a().from }}</label>
          <input id="audit-from" name="from" type="date" [(ngModel)]="from" />
        </div>
        <div class="field">
          <label for="audit-to">{{ a().to }}</label>
          <input id="audit-to" name="to" type="date" [(ngModel)]="to" />
        </div>
        <button type="submit">{{ a().filter }}</button>
      </form>
      @if (error()) {
        <p class="error" role="alert">{{ error() }}</p>
      }
      <table class="tickets" data-testid="audit">
        <thead>
          <tr>
            <th>{{ a().when }}</th>
            <th>{{ a().who }}</th>
            <th>{{ a().what }}</th>
            <th>{{ a().queue }}</th>
            <th>{{ a().ticket }}</th>
            <th>{{ a().request }}</th>
          </tr>
        </thead>
        <tbody>
          @for (e of entries(); track e.id) {
            <tr data-testid="audit-row" [attr.data-operation]="e.operation">
              <td [attr.data-label]="a().when">{{ when(e.at) }}</td>
              <td [attr.data-label]="a().who">{{ e.accountId === 'system' ? a().system : e.accountName }}</td>
              <td [attr.data-label]="a().what">
                {{ a().operations[e.operation] ?? e.operation }}
                @if (e.detail) {
                  <small class="muted">· {{ detail(e) }}</small>
                }
              </td>
              <td [attr.data-label]="a().queue">{{ e.queueName }}</td>
              <td [attr.data-label]="a().ticket">{{ e.ticketNumber ?? '—' }}</td>
              <td [attr.data-label]="a().request">
                <small class="muted">{{ e.requestId ?? '—' }}</small>
              </td>
            </tr>
          } @empty {
            <tr>
              <td colspan="6" data-testid="audit-empty">{{ a().empty }}</td>
            </tr>
          }
        </tbody>
      </table>
      @if (nextToken()) {
        <button class="secondary" (click)="more()">{{ a().more }}</button>
      }
    </section>
  `,
})
export class AuditPage implements OnInit {
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly a = inject(AuditTexts).t;
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  readonly entries = signal<Entry[]>([]);
  readonly queues = signal<{ id: string; name: string }[]>([]);
  readonly nextToken = signal<string | null>(null);
  readonly error = signal<string | null>(null);
  readonly operations = Object.keys(this.a().operations) as AuditOperation[];
  queueId: string | null = null;
  operation: AuditOperation | null = null;
  from = '';
  to = '';

  ngOnInit(): Promise<void> {
    return this.read();
  }

  /** Dates are the browser's days: from its midnight, until the end of the `to` day. */
  private variables(nextToken?: string) {
    const day = (value: string, plus = 0) => {
      const [y, m, d] = value.split('-').map(Number);
      return new Date(y!, m! - 1, d! + plus).toISOString();
    };
    return {
      queueId: this.queueId,
      operation: this.operation,
      from: this.from ? day(this.from) : null,
      to: this.to ? day(this.to, 1) : null,
      nextToken: nextToken ?? null,
    };
  }

  async read(): Promise<void> {
    this.error.set(null);
    try {
      const data = await this.auth.asOwner((auth) => this.api.request(AuditLog, this.variables(), auth));
      this.entries.set(data.auditLog.items);
      this.nextToken.set(data.auditLog.nextToken ?? null);
      this.queues.set(data.myQueues.items);
    } catch (e) {
      this.error.set(errorText(this.t(), e));
    }
  }

  async more(): Promise<void> {
    const token = this.nextToken();
    if (!token) return;
    const data = await this.auth.asOwner((auth) => this.api.request(AuditLog, this.variables(token), auth));
    this.entries.update((e) => [...e, ...data.auditLog.items]);
    this.nextToken.set(data.auditLog.nextToken ?? null);
  }

  when(at: string): string {
    return new Intl.DateTimeFormat(this.i18n.language(), { dateStyle: 'short', timeStyle: 'medium' }).format(
      new Date(at),
    );
  }

  /** A status in words; settings and counters as given. */
  detail(e: Entry): string {
    return e.operation === 'SET_QUEUE_STATUS' ? (this.t().status[e.detail!] ?? e.detail!) : e.detail!;
  }
}
