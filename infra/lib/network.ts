import * as logs from 'aws-cdk-lib/aws-logs';
import { LOG_RETENTION_DAYS } from '../../resolvers/handlers/log-shipper';
import { Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

export interface NetworkProps {
  /** An optional CI host in a public subnet (off by default; context `ciHost`). */
  readonly ciHost?: boolean;
}

/** Two AZs, two public and two private subnets, a NAT instance, a bastion host. */
export class Network extends Construct {
  public readonly vpc: ec2.Vpc;
  public readonly bastion: ec2.BastionHostLinux;
  public readonly ciHost?: ec2.Instance;

  constructor(scope: Construct, id: string, props: NetworkProps = {}) {
    super(scope, id);
    const nat = ec2.NatProvider.instanceV2({
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.NANO),
      // Outbound only; traffic from the VPC is allowed below.
      defaultAllowedTraffic: ec2.NatTrafficDirection.OUTBOUND_ONLY,
    });
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGatewayProvider: nat,
      natGateways: 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ],
      // Rejected traffic, kept as long as every other log (LOG_RETENTION_DAYS; CDK's default is two years).
      flowLogs: {
        all: {
          trafficType: ec2.FlowLogTrafficType.REJECT,
          destination: ec2.FlowLogDestination.toCloudWatchLogs(
            new logs.LogGroup(this, 'FlowLogs', { retention: LOG_RETENTION_DAYS as logs.RetentionDays }),
          ),
        },
      },
    });
    nat.securityGroup.addIngressRule(
      ec2.Peer.ipv4(this.vpc.vpcCidrBlock),
      ec2.Port.allTraffic(),
      'From the VPC only',
    );
    Validations.of(nat.securityGroup).acknowledge({
      id: 'AwsSolutions-EC23',
      reason:
        'Ingress is the VPC CIDR only (a token the rule cannot read), never 0.0.0.0/0; egress is what a NAT is for.',
    });
    for (const gateway of nat.configuredGateways) {
      const instance = this.vpc.node
        .findAll()
        .find((c) => c.node.path.endsWith('NatInstance') && c instanceof ec2.Instance);
      if (!instance) continue;
      const acknowledge = (id: string, reason: string) =>
        Validations.of(instance).acknowledge({ id, reason });
      acknowledge('AwsSolutions-EC26', `The NAT instance (${gateway.az}) keeps no data on its root volume.`);
      acknowledge(
        'AwsSolutions-EC28',
        'Basic monitoring suffices for the NAT instance; detailed monitoring costs more than it tells here.',
      );
      acknowledge(
        'AwsSolutions-EC29',
        'The NAT instance is replaceable by redeploying; termination protection would block that.',
      );
    }

    this.bastion = new ec2.BastionHostLinux(this, 'Bastion', {
      vpc: this.vpc,
      subnetSelection: { subnetType: ec2.SubnetType.PUBLIC },
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.NANO),
      requireImdsv2: true,
      blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(8, { encrypted: true }) }],
    });
    Validations.of(this.bastion).acknowledge({
      id: 'AwsSolutions-EC28',
      reason: 'Basic monitoring suffices for a bastion that is idle but for operators.',
    });
    for (const action of ['ssmmessages', 'ec2messages'])
      Validations.of(this.bastion).acknowledge({
        id: `AwsSolutions-IAM5[Action::${action}:*]`,
        reason:
          'Session Manager access to the bastion (no SSH keys, no open port) needs these channels; AWS documents them with wildcards.',
      });
    Validations.of(this.bastion).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Session Manager channel actions do not support resource-level permissions.',
    });
    Validations.of(this.bastion).acknowledge({
      id: 'AwsSolutions-EC29',
      reason:
        'The bastion is disposable: it holds no data and is recreated from its AMI; termination protection would only slow replacement.',
    });

    if (props.ciHost) {
      this.ciHost = new ec2.Instance(this, 'CiHost', {
        vpc: this.vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
        instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.SMALL),
        machineImage: ec2.MachineImage.latestAmazonLinux2023({ cpuType: ec2.AmazonLinuxCpuType.ARM_64 }),
        requireImdsv2: true,
        ssmSessionPermissions: true,
        blockDevices: [
          { deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(30, { encrypted: true }) },
        ],
      });
      const acknowledge = (id: string, reason: string) =>
        Validations.of(this.ciHost!).acknowledge({ id, reason });
      acknowledge(
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonSSMManagedInstanceCore]',
        'Session Manager access to the CI host: the standard policy for it.',
      );
      acknowledge('AwsSolutions-EC28', 'Basic monitoring suffices for an optional CI host.');
      acknowledge(
        'AwsSolutions-EC29',
        'The CI host is disposable and recreated by a deploy; termination protection would block that.',
      );
    }
  }
}
