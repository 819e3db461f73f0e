import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { AuthService } from '../auth/auth.service';
import { Api } from '../core/api';
import { errorText, I18n } from '../core/i18n';
import { ErasePerson, PersonalData } from './people.documents';
import { PeopleTexts } from './people.i18n';

/** Access and erasure requests: find a person's data by email or phone, download it, or erase it. */
@Component({
  selector: 'app-personal-data',
  imports: [FormsModule],
  template: `
    <form class="card" (ngSubmit)="find()" novalidate data-testid="personal-data">
      <h2>{{ p().dataTitle }}</h2>
      <p class="muted">{{ p().dataHelp }}</p>
      <label for="data-email">{{ p().dataEmail }}</label>
      <input id="data-email" name="dataEmail" type="email" [(ngModel)]="email" />
      <label for="data-phone">{{ p().dataPhone }}</label>
      <input id="data-phone" name="dataPhone" type="tel" [(ngModel)]="phone" />
      <button type="submit">{{ p().find }}</button>
      @if (error()) {
        <p class="error" role="alert">{{ error() }}</p>
      }
      @if (found(); as f) {
        <p role="status" data-testid="found">{{ p().found(f.count) }}</p>
        @if (f.count > 0) {
          <a [href]="f.href" download="personal-data.json">{{ p().download }}</a>
          @if (!confirming()) {
            <button type="button" class="secondary" (click)="confirming.set(true)">{{ p().erase }}</button>
          } @else {
            <span role="alertdialog" [attr.aria-label]="p().eraseConfirm"
              >{{ p().eraseConfirm }}
              <button type="button" class="danger" (click)="erase()">{{ p().eraseYes }}</button></span
            >
          }
        }
      }
      @if (result()) {
        <p role="status" data-testid="erased">{{ result() }}</p>
      }
    </form>
  `,
})
export class PersonalDataForm {
  protected readonly t = inject(I18n).t;
  protected readonly p = inject(PeopleTexts).t;
  private readonly api = inject(Api);
  private readonly auth = inject(AuthService);
  readonly found = signal<{ count: number; href: string } | null>(null);
  readonly confirming = signal(false);
  readonly error = signal<string | null>(null);
  readonly result = signal<string | null>(null);
  email = '';
  phone = '';

  private person() {
    return {
      ...(this.email.trim() ? { email: this.email.trim() } : {}),
      ...(this.phone.trim() ? { phone: this.phone.trim() } : {}),
    };
  }

  async find(): Promise<void> {
    this.error.set(null);
    this.result.set(null);
    this.confirming.set(false);
    try {
      const { personalData } = await this.auth.asOwner((a) =>
        this.api.request(PersonalData, { person: this.person() }, a),
      );
      const count = (JSON.parse(personalData) as { tickets: unknown[] }).tickets.length;
      const href = URL.createObjectURL(new Blob([personalData], { type: 'application/json' }));
      this.found.set({ count, href });
    } catch (e) {
      this.found.set(null);
      this.error.set(errorText(this.t(), e));
    }
  }

  async erase(): Promise<void> {
    try {
      const { erasePerson } = await this.auth.asOwner((a) =>
        this.api.request(ErasePerson, { person: this.person() }, a),
      );
      this.found.set(null);
      this.confirming.set(false);
      this.result.set(this.p().erased(erasePerson.removed, erasePerson.erased));
    } catch (e) {
      this.error.set(errorText(this.t(), e));
    }
  }
}
