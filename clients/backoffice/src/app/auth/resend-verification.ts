import { Component, inject, input, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { graphql } from '../../gql';
import { Api, ApiError } from '../core/api';
import { errorText, I18n } from '../core/i18n';

const ResendVerification = graphql(`
  mutation ResendVerification($email: AWSEmail!) {
    resendVerification(email: $email)
  }
`);

/** Whether an API error says the account waits for its email to be confirmed. */
export const isNotVerified = (error: unknown): boolean =>
  error instanceof ApiError && error.info.reason === 'NOT_VERIFIED';

/**
 * A new confirmation link, for whoever lost theirs or found it used or expired: from the login page (the
 * address already typed) and from the "link does not work" page. The API answers the same whether or not the
 * address waits for confirmation, and caps how many mails one address gets.
 */
@Component({
  selector: 'app-resend-verification',
  imports: [FormsModule],
  template: `
    <form class="card" (ngSubmit)="submit()" novalidate data-testid="resend-verification">
      @if (sent()) {
        <p role="status">{{ t().verificationResent(email) }}</p>
      } @else {
        <h2>{{ t().needNewLink }}</h2>
        <label for="resend-email">{{ t().email }}</label>
        <input id="resend-email" name="email" type="email" [(ngModel)]="email" autocomplete="username" />
        @if (failure()) {
          <p class="error" role="alert">{{ failure() }}</p>
        }
        <button type="submit" class="secondary" [disabled]="busy()">{{ t().sendNewLink }}</button>
      }
    </form>
  `,
})
export class ResendVerificationForm implements OnInit {
  protected readonly t = inject(I18n).t;
  private readonly api = inject(Api);
  /** The address the person already typed, if any. */
  readonly initialEmail = input('');
  email = '';
  readonly sent = signal(false);
  readonly busy = signal(false);
  readonly failure = signal<string | null>(null);

  ngOnInit(): void {
    this.email = this.initialEmail();
  }

  async submit(): Promise<void> {
    this.busy.set(true);
    this.failure.set(null);
    try {
      await this.api.request(ResendVerification, { email: this.email.trim() }, 'Public');
      this.sent.set(true);
    } catch (error) {
      this.failure.set(errorText(this.t(), error));
    } finally {
      this.busy.set(false);
    }
  }
}
