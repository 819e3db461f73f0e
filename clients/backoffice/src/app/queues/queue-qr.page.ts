import { Component, inject, input, OnInit, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { graphql } from '../../gql';
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
