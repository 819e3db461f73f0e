import { Component, inject, input, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { graphql } from '../../gql';
import type { QueueLinksQuery } from '../../gql/graphql';
import { AuthService } from '../auth/auth.service';
import { Api } from '../core/api';
import { I18n } from '../core/i18n';
import { QrCode } from '../core/qr';

const QueueLinks = graphql(`
  query QueueLinks($id: ID!) {
    queue(id: $id) {
      id
      name
      joinUrl
      displayUrl
      presenceCode {
        code
        validUntil
      }
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
          <app-qr [url]="joinLink(q)" [caption]="t().scanToJoin" />
          <app-qr [url]="q.displayUrl" [caption]="t().displayScreen" />
        </div>
        @if (q.presenceCode; as p) {
          <p data-testid="presence-note">{{ t().presenceCodeNote(p.code, until(p.validUntil)) }}</p>
        }
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
  readonly queue = signal<QueueLinksQuery['queue'] | null>(null);

  async ngOnInit(): Promise<void> {
    const { queue } = await this.auth.asOwner((a) => this.api.request(QueueLinks, { id: this.id() }, a));
    this.queue.set(queue ?? null);
  }

  /** The join link; with the code in force when the queue asks for one, so a printed code works today. */
  joinLink(q: NonNullable<QueueLinksQuery['queue']>): string {
    return q.presenceCode ? `${q.joinUrl}?code=${q.presenceCode.code}` : q.joinUrl;
  }

  until(iso: string): string {
    return new Date(iso).toLocaleString(this.t().dateLocale, { dateStyle: 'short', timeStyle: 'short' });
  }

  print(): void {
    window.print();
  }
}
