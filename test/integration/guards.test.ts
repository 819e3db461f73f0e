import { inject } from 'vitest';
import { guardsContract } from '../contract/guards.contract';
import { openStack } from '../support/stack';

guardsContract('SQLite + in-process index', () => openStack('sqlite+memory'));
guardsContract(
  'MariaDB + Redis',
  () => openStack('mariadb+redis'),
  inject('services').mysql && inject('services').redis,
);
