import { Component, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthService } from '../auth/auth.service';
import { Api, ApiError } from '../core/api';
import { errorText, I18n } from '../core/i18n';
import { AcceptInvitation } from './people.documents';
import { PeopleTexts } from './people.i18n';

/** /invitations/:token: the signed-in account accepts an invitation sent to its email. */
@Component({
  selector: 'app-accept',
  imports: [RouterLink],
  template: `
    <section class="card">
      <h1>{{ p().acceptTitle }}</h1>
      @if (accepted(); as venue) {
        <p role="status" data-testid="accepted">
          {{ p().accepted(venue.name, p().roles[venue.role] ?? venue.role) }}
        </p>
        <a routerLink="/queues">{{ p().toQueues }}</a>
      } @else {
        <p>{{ p().acceptBody }}</p>
        @if (error()) {
          <p class="error" role="alert">{{ error() }}</p>
        }
        <button (click)="accept()">{{ p().accept }}</button>
      }
    </section>
  `,
})
export class AcceptPage {
  protected readonly t = inject(I18n).t;
  protected readonly p = inject(PeopleTexts).t;
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  readonly token = input.required<string>();
  readonly accepted = signal<{ name: string; role: string } | null>(null);
  readonly error = signal<string | null>(null);

  async accept(): Promise<void> {
    this.error.set(null);
    try {
      const { acceptInvitation } = await this.auth.asOwner((a) =>
        this.api.request(AcceptInvitation, { token: this.token() }, a),
      );
      this.accepted.set(acceptInvitation);
    } catch (e) {
      const reason = e instanceof ApiError ? e.info.reason : undefined;
      this.error.set((reason && this.p().linkReasons[reason]) || errorText(this.t(), e));
    }
  }
}
