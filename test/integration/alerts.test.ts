import { inject } from 'vitest';
import { alertsContract } from '../contract/alerts.contract';
import { openStack } from '../support/stack';

alertsContract('SQLite + in-process index', () => openStack('sqlite+memory'));
alertsContract(
  'MariaDB + Redis',
  () => openStack('mariadb+redis'),
  inject('services').mysql && inject('services').redis,
);
