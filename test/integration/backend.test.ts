import { inject } from 'vitest';
import { backendContract } from '../contract/backend.contract';
import { openStack } from '../support/stack';

backendContract('SQLite + in-process index', () => openStack('sqlite+memory'));
backendContract(
  'MariaDB + Redis',
  () => openStack('mariadb+redis'),
  inject('services').mysql && inject('services').redis,
);
