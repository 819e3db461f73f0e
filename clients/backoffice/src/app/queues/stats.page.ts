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
  Filler,
  Legend,
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

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Filler,
  Legend,
  Tooltip,
);

const QueueStats = graphql(`
  query QueueStats($id: ID!, $from: AWSDateTime, $to: AWSDateTime) {
    queue(id: $id) {
      name
    }
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
        served
        quote {
          lowSeconds
          highSeconds
        }
      }
      quoteAccuracy {
        quoted
        within
        longer
        shorter
      }
      byCounter {
        counter
        calledCount
        servedCount
        noShowCount
        averageServiceSeconds
      }
    }
  }
`);

type Stats = Awaited<ReturnType<typeof StatsPage.prototype.load>>['queueStats'];

const minutes = (seconds: number | null | undefined) =>
  seconds == null ? '—' : `${Math.round(seconds / 60)} min`;
const toMinutes = (seconds: number) => Math.round(seconds / 6) / 10;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * /queues/:id/stats: counts, average wait and call interval, people served per hour, waiting times, and the
 * waits quoted at joining against the real ones. A chart with nothing to show says so instead.
 */
@Component({
  selector: 'app-queue-stats',
  imports: [FormsModule, RouterLink],
  template: `
    <section class="card">
      <h1>{{ t().statsOf(queueName()) }}</h1>
      <form class="row" (ngSubmit)="refresh()">
        <label for="from">{{ t().from }}</label><input id="from" name="from" type="date" [(ngModel)]="from" />
        <label for="to">{{ t().to }}</label><input id="to" name="to" type="date" [(ngModel)]="to" />
        <button type="submit">{{ t().show }}</button>
        <a [routerLink]="['/queues', id()]">{{ t().backToQueue }}</a>
      </form>
      @if (stats(); as s) {
        <dl class="row figures">
          <div>
            <dt>{{ t().joined }}</dt>
            <dd data-testid="joined-count">{{ s.joinedCount }}</dd>
          </div>
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
      @if (stats()?.byCounter?.length) {
        <h2>{{ t().byCounter }}</h2>
        <table class="tickets" data-testid="by-counter">
          <thead>
            <tr>
              <th>{{ t().counterColumn }}</th>
              <th>{{ t().called }}</th>
              <th>{{ t().served }}</th>
              <th>{{ t().noShows }}</th>
              <th>{{ t().averageService }}</th>
            </tr>
          </thead>
          <tbody>
            @for (c of stats()!.byCounter; track c.counter) {
              <tr>
                <td [attr.data-label]="t().counterColumn">{{ c.counter }}</td>
                <td [attr.data-label]="t().called">{{ c.calledCount }}</td>
                <td [attr.data-label]="t().served">{{ c.servedCount }}</td>
                <td [attr.data-label]="t().noShows">{{ c.noShowCount }}</td>
                <td [attr.data-label]="t().averageService">{{ minutes(c.averageServiceSeconds) }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
      <h2>{{ t().servedPerHour }}</h2>
      @if (stats()?.servedPerHour?.length === 0) {
        <p class="muted" data-testid="no-served">{{ t().noServedYet }}</p>
      }
      <div class="chart" [hidden]="!stats()?.servedPerHour?.length">
        <canvas #perHour [attr.aria-label]="t().servedPerHour" role="img"></canvas>
      </div>
      <h2>{{ t().waitingTimes }}</h2>
      @if (stats(); as s) {
        @if (s.waits.length === 0) {
          <p class="muted" data-testid="no-waits">{{ t().noCalledYet }}</p>
        } @else if (s.quoteAccuracy.quoted === 0) {
          <p class="muted" data-testid="quote-accuracy">{{ t().noQuotesYet }}</p>
        } @else {
          <p data-testid="quote-accuracy">{{ t().quoteAccuracy(s.quoteAccuracy) }}</p>
        }
      }
      <div class="chart" [hidden]="!stats()?.waits?.length">
        <canvas #waits [attr.aria-label]="t().waitingTimes" role="img"></canvas>
      </div>
    </section>
  `,
})
export class StatsPage implements OnInit, OnDestroy {
  protected readonly t = inject(I18n).t;
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  readonly id = input.required<string>();
  readonly stats = signal<Stats | null>(null);
  readonly queueName = signal('');
  readonly minutes = minutes;
  from = day(Date.now() - 6 * 24 * 3600_000);
  to = day(Date.now());
  private readonly perHour = viewChild.required<ElementRef<HTMLCanvasElement>>('perHour');
  private readonly waits = viewChild.required<ElementRef<HTMLCanvasElement>>('waits');
  private charts: Chart[] = [];

  constructor() {
    effect(() => {
      const stats = this.stats();
      const t = this.t();
      for (const chart of this.charts) chart.destroy();
      if (!stats) return;
      const quoted = stats.waits.map((w) => (w.served && w.quote ? w.quote : null));
      this.charts = [
        new Chart(this.perHour().nativeElement, {
          type: 'bar',
          data: {
            labels: stats.servedPerHour.map((h) =>
              new Date(h.hour).toLocaleString(t.dateLocale, {
                day: '2-digit',
                month: '2-digit',
                hour: '2-digit',
              }),
            ),
            datasets: [
              {
                label: t.served,
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
                label: t.minutesWaited,
                data: stats.waits.map((w) => toMinutes(w.waitSeconds)),
                borderColor: '#0b6bcb',
              },
              {
                label: t.quotedFrom,
                data: quoted.map((q) => (q ? toMinutes(q.lowSeconds) : null)),
                borderColor: '#6b7f99',
                borderDash: [4, 4],
                pointRadius: 3,
                spanGaps: false,
              },
              {
                label: t.quotedTo,
                data: quoted.map((q) => (q ? toMinutes(q.highSeconds) : null)),
                borderColor: '#6b7f99',
                borderDash: [4, 4],
                backgroundColor: 'rgba(107, 127, 153, 0.15)',
                fill: '-1',
                pointRadius: 3,
                spanGaps: false,
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
    return this.auth.asOwner((a) => this.api.request(QueueStats, { id: this.id(), ...range }, a));
  }

  async refresh(): Promise<void> {
    const { queue, queueStats } = await this.load();
    this.queueName.set(queue?.name ?? '');
    this.stats.set(queueStats);
  }
}
