import {
  Component,
  effect,
  ElementRef,
  inject,
  input,
  OnDestroy,
  OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { graphql } from '../../gql';
import { AuthService } from '../auth/auth.service';
import { Api } from '../core/api';
import { I18n } from '../core/i18n';
import { QrCode } from '../core/qr';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
);

const QueueLinks = graphql(`
  query QueueLinks($id: ID!) {
    queue(id: $id) {
      id
      name
      joinUrl
    }
  }
`);

/** /queues/:id/qr: the queue's join and display QR codes, ready to print. */
@Component({
  selector: 'app-queue-qr',
  imports: [QrCode, RouterLink],
  template: `
    @if (queue(); as q) {
      <section class="card printable" data-testid="queue-qr">
        <h1>{{ q.name }}</h1>
        <div class="row">
          <app-qr [url]="q.joinUrl" [caption]="t().scanToJoin" />
          <app-qr [url]="displayUrl(q.joinUrl)" [caption]="t().displayScreen" />
        </div>
        <p class="no-print">
          <button (click)="print()">{{ t().print }}</button>
          <a [routerLink]="['/queues', q.id]">{{ t().backToQueue }}</a>
        </p>
      </section>
    }
  `,
})
export class QueueQrPage implements OnInit {
  protected readonly t = inject(I18n).t;
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  readonly id = input.required<string>();
  readonly queue = signal<{ id: string; name: string; joinUrl: string } | null>(null);

  async ngOnInit(): Promise<void> {
    const { queue } = await this.auth.asOwner((a) => this.api.request(QueueLinks, { id: this.id() }, a));
    this.queue.set(queue ?? null);
  }

  displayUrl(joinUrl: string): string {
    return joinUrl.replace(/\/j\/([^/]+)$/, '/d/$1');
  }

  print(): void {
    window.print();
  }
}

const QueueStats = graphql(`
  query QueueStats($id: ID!, $from: AWSDateTime, $to: AWSDateTime) {
    queueStats(queueId: $id, from: $from, to: $to) {
      joinedCount
      calledCount
      servedCount
      noShowCount
      averageWaitSeconds
      averageCallIntervalSeconds
      servedPerHour {
        hour
        count
      }
      waits {
        ticketNumber
        waitSeconds
      }
    }
  }
`);

type Stats = NonNullable<Awaited<ReturnType<typeof StatsPage.prototype.load>>>;

const minutes = (seconds: number | null | undefined) =>
  seconds == null ? '—' : `${Math.round(seconds / 60)} min`;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** /queues/:id/stats: served count, average wait and call interval, people served per hour, waiting times. */
@Component({
  selector: 'app-queue-stats',
  imports: [FormsModule, RouterLink],
  template: `
    <section class="card">
      <h1>{{ t().stats }}</h1>
      <form class="row" (ngSubmit)="refresh()">
        <label for="from">{{ t().from }}</label><input id="from" name="from" type="date" [(ngModel)]="from" />
        <label for="to">{{ t().to }}</label><input id="to" name="to" type="date" [(ngModel)]="to" />
        <button type="submit">{{ t().show }}</button>
        <a [routerLink]="['/queues', id()]">{{ t().backToQueue }}</a>
      </form>
      @if (stats(); as s) {
        <dl class="row">
          <div>
            <dt>{{ t().served }}</dt>
            <dd data-testid="served-count">{{ s.servedCount }}</dd>
          </div>
          <div>
            <dt>{{ t().called }}</dt>
            <dd>{{ s.calledCount }}</dd>
          </div>
          <div>
            <dt>{{ t().noShows }}</dt>
            <dd>{{ s.noShowCount }}</dd>
          </div>
          <div>
            <dt>{{ t().averageWait }}</dt>
            <dd>{{ minutes(s.averageWaitSeconds) }}</dd>
          </div>
          <div>
            <dt>{{ t().averageInterval }}</dt>
            <dd>{{ minutes(s.averageCallIntervalSeconds) }}</dd>
          </div>
        </dl>
      }
      <h2>{{ t().servedPerHour }}</h2>
      <canvas #perHour [attr.aria-label]="t().servedPerHour" role="img"></canvas>
      <h2>{{ t().waitingTimes }}</h2>
      <canvas #waits [attr.aria-label]="t().waitingTimes" role="img"></canvas>
    </section>
  `,
})
export class StatsPage implements OnInit, OnDestroy {
  protected readonly t = inject(I18n).t;
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  readonly id = input.required<string>();
  readonly stats = signal<Stats | null>(null);
  readonly minutes = minutes;
  from = day(Date.now() - 6 * 24 * 3600_000);
  to = day(Date.now());
  private readonly perHour = viewChild.required<ElementRef<HTMLCanvasElement>>('perHour');
  private readonly waits = viewChild.required<ElementRef<HTMLCanvasElement>>('waits');
  private charts: Chart[] = [];

  constructor() {
    effect(() => {
      const stats = this.stats();
      for (const chart of this.charts) chart.destroy();
      if (!stats) return;
      this.charts = [
        new Chart(this.perHour().nativeElement, {
          type: 'bar',
          data: {
            labels: stats.servedPerHour.map((h) => h.hour.slice(5, 13).replace('T', ' ') + 'h'),
            datasets: [
              {
                label: this.t().served,
                data: stats.servedPerHour.map((h) => h.count),
                backgroundColor: '#12355b',
              },
            ],
          },
          options: { animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
        }),
        new Chart(this.waits().nativeElement, {
          type: 'line',
          data: {
            labels: stats.waits.map((w) => `#${w.ticketNumber}`),
            datasets: [
              {
                label: this.t().minutesWaited,
                data: stats.waits.map((w) => Math.round(w.waitSeconds / 6) / 10),
                borderColor: '#0b6bcb',
              },
            ],
          },
          options: { animation: false, scales: { y: { beginAtZero: true } } },
        }),
      ];
    });
  }

  async ngOnInit(): Promise<void> {
    await this.refresh();
  }

  ngOnDestroy(): void {
    for (const chart of this.charts) chart.destroy();
  }

  async load() {
    const range = {
      from: new Date(`${this.from}T00:00:00`).toISOString(),
      to: new Date(`${this.to}T23:59:59.999`).toISOString(),
    };
    const { queueStats } = await this.auth.asOwner((a) =>
      this.api.request(QueueStats, { id: this.id(), ...range }, a),
    );
    return queueStats;
  }

  async refresh(): Promise<void> {
    this.stats.set(await this.load());
  }
}
