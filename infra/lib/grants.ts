/**
 * Grants kept although the AWS rehearsal (`npm run start:aws`) sees no call of theirs, each with its reason: keyed
 * by action (any function) or by `<handler> <action>`. The rehearsal records every AWS action each function
 * performs; its test fails on a grant that is neither used nor listed here.
 */
export const KEPT_GRANTS: Record<string, string> = {
  'xray:PutTraceSegments':
    "Active tracing: the Lambda service sends the function's trace segments with the function's role.",
  'xray:PutTelemetryRecords':
    'Active tracing: the X-Ray daemon in the execution environment reports telemetry.',
  'messageConsumer dynamodb:GetItem':
    'SQS delivers at least once: a message delivered again finds its claim taken, and the delivery log reads the claim to skip a mail already sent. The rehearsal does not provoke a duplicate delivery.',
};
