import { inject } from '@angular/core';
import { Router, type CanActivateFn, type Routes } from '@angular/router';
import { ForgotPage, LoginPage, ResetPage, SignUpPage, VerifyPage } from './auth/auth.pages';
import { AuthService } from './auth/auth.service';

/** Owner pages need a live session; without one, log in and come back. */
const signedIn: CanActivateFn = (_route, state) =>
  inject(AuthService).authorization()
    ? true
    : inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });

export const routes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'queues' },
  { path: 'signup', component: SignUpPage },
  { path: 'verify/:token', component: VerifyPage },
  { path: 'login', component: LoginPage },
  { path: 'forgot', component: ForgotPage },
  { path: 'reset-password/:token', component: ResetPage },
  // The owner's pages load once signed in: the login page a visitor meets first carries only the auth pages.
  {
    path: 'queues',
    loadComponent: () => import('./queues/queues.page').then((m) => m.QueuesPage),
    canActivate: [signedIn],
  },
  {
    path: 'account',
    loadComponent: () => import('./auth/account.page').then((m) => m.AccountPage),
    canActivate: [signedIn],
  },
  {
    path: 'people',
    loadComponent: () => import('./people/people.page').then((m) => m.PeoplePage),
    canActivate: [signedIn],
  },
  {
    path: 'invitations/:token',
    loadComponent: () => import('./people/accept.page').then((m) => m.AcceptPage),
    canActivate: [signedIn],
  },
  {
    path: 'audit',
    loadComponent: () => import('./audit/audit.page').then((m) => m.AuditPage),
    canActivate: [signedIn],
  },
  {
    path: 'queues/:id',
    loadComponent: () => import('./queues/queue.page').then((m) => m.QueuePage),
    canActivate: [signedIn],
  },
  // Printing and charts load on demand: Chart.js stays out of the first load.
  {
    path: 'queues/:id/qr',
    loadComponent: () => import('./queues/queue-qr.page').then((m) => m.QueueQrPage),
    canActivate: [signedIn],
  },
  {
    path: 'queues/:id/stats',
    loadComponent: () => import('./queues/stats.page').then((m) => m.StatsPage),
    canActivate: [signedIn],
  },
  { path: '**', redirectTo: 'queues' },
];
