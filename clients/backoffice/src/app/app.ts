import { Component, inject } from '@angular/core';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { AuthService } from './auth/auth.service';
import { DeletionBanner } from './auth/account-data';
import { AuditTexts } from './audit/audit.i18n';
import { PeopleTexts } from './people/people.i18n';
import { I18n } from './core/i18n';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, DeletionBanner],
  template: `
    <header class="app-header">
      <a routerLink="/queues" class="brand">{{ t().brand }}</a>
      <span class="row">
        <button class="link" (click)="i18n.toggle()">{{ t().language }}</button>
        @if (auth.signedIn()) {
          <a routerLink="/people">{{ p().link }}</a>
          <a routerLink="/audit">{{ a().link }}</a>
          <a routerLink="/account">{{ t().account }}</a>
          <button class="link" (click)="logout()">{{ t().logOut }}</button>
        }
      </span>
    </header>
    @if (auth.signedIn()) {
      <app-deletion-banner />
    }
    <main><router-outlet /></main>
  `,
})
export class App {
  protected readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly a = inject(AuditTexts).t;
  protected readonly p = inject(PeopleTexts).t;
  private readonly router = inject(Router);

  async logout(): Promise<void> {
    await this.auth.logout();
    await this.router.navigate(['/login']);
  }
}
