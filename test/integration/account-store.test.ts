import { DynamoAccountStore } from '../../resolvers/stores/accounts/dynamodb';
import { accountStoreContract } from '../contract/account-store.contract';
import { freshDynamo } from '../support/dynalite';

accountStoreContract('DynamoDB (dynalite)', async () => {
  const dynamo = await freshDynamo();
  const clock = { now: Date.UTC(2026, 10, 26, 9) };
  return {
    store: new DynamoAccountStore(dynamo.client, dynamo.table, () => clock.now),
    clock,
    cleanup: dynamo.cleanup,
  };
});
