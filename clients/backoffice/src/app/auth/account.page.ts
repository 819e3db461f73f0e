import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { errorField, errorText, I18n } from '../core/i18n';
import { AuthService } from './auth.service';
import { AccountDataSection } from './account-data';
import { PASSWORD_MIN } from './validation';

/** The owner's account: change the password, end every session on every device, export or delete it. */
@Component({
  selector: 'app-account',
  imports: [FormsModule, AccountDataSection],
  template: `
    <form class="card" (ngSubmit)="change()" novalidate>
      <h1>{{ t().account }}</h1>
      <h2>{{ t().changePassword }}</h2>
      <label for="current-password">{{ t().currentPassword }}</label>
      <input
        id="current-password"
        name="current"
        type="password"
        [(ngModel)]="current"
        autocomplete="current-password"
        aria-describedby="current-password-error"
        [attr.aria-invalid]="currentError() ? true : null"
      />
      @if (currentError()) {
        <p class="error" id="current-password-error" role="alert">{{ currentError() }}</p>
      }
      <label for="new-password">{{ t().newPassword }}</label>
      <input
        id="new-password"
        name="next"
        type="password"
        [(ngModel)]="next"
        autocomplete="new-password"
        aria-describedby="password-error"
        [attr.aria-invalid]="failure() ? true : null"
      />
      @if (failure()) {
        <p class="error" id="password-error" role="alert">{{ failure() }}</p>
      }
      @if (changed()) {
        <p role="status" data-testid="password-changed">{{ t().passwordChangedElsewhere }}</p>
      }
      <button type="submit" [disabled]="busy()">{{ t().changePassword }}</button>
    </form>
    <section class="card">
      <h2>{{ t().everyDevice }}</h2>
      <p>{{ t().logoutEverywhereHelp }}</p>
      <button class="secondary" (click)="everywhere()" [disabled]="busy()">{{ t().logoutEverywhere }}</button>
    </section>
    <app-account-data />
  `,
})
export class AccountPage {
  protected readonly t = inject(I18n).t;
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  current = '';
  next = '';
  readonly failure = signal<string | null>(null);
  /** An error about the current password shows at that field. */
  readonly currentError = signal<string | null>(null);
  readonly changed = signal(false);
  readonly busy = signal(false);

  async change(): Promise<void> {
    this.changed.set(false);
    this.failure.set(null);
    this.currentError.set(null);
    if (!this.current) return this.currentError.set(this.t().apiErrors.wrongCurrentPassword);
    if ([...this.next].length < PASSWORD_MIN) return this.failure.set(this.t().errors.passwordShort);
    this.busy.set(true);
    try {
      await this.auth.changePassword(this.current, this.next);
      this.current = '';
      this.next = '';
      this.changed.set(true);
    } catch (error) {
      const text = errorText(this.t(), error);
      if (errorField(error) === 'currentPassword') this.currentError.set(text);
      else this.failure.set(text);
    } finally {
      this.busy.set(false);
    }
  }

  async everywhere(): Promise<void> {
    this.busy.set(true);
    try {
      await this.auth.logoutEverywhere();
      await this.router.navigate(['/login']);
    } catch (error) {
      this.failure.set(errorText(this.t(), error));
    } finally {
      this.busy.set(false);
    }
  }
}
