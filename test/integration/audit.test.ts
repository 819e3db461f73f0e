import { inject } from 'vitest';
import { auditContract } from '../contract/audit.contract';
import { openStack } from '../support/stack';

auditContract('SQLite + in-process index', () => openStack('sqlite+memory'));
auditContract(
  'MariaDB + Redis',
  () => openStack('mariadb+redis'),
  inject('services').mysql && inject('services').redis,
);
