package dev.drydock.checks.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.checks.ConfigCheckers;
import dev.drydock.model.DrydockException;
import dev.drydock.model.Misconfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudFormationCheckerTest {
  private final CloudFormationChecker checker = new CloudFormationChecker();

  List<String> found(String text) {
    return checker.check("t.yaml", text).stream().map(m -> m.line() + " " + m.ruleId()).toList();
  }

  List<Misconfiguration> check(String text) {
    return checker.check("t.yaml", text);
  }

  @Test
  void acceptsTemplatesButNotKubernetesOrCompose() {
    assertThat(checker.accepts("stack.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n")).isTrue();
    assertThat(checker.accepts("stack.template", "{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\"\n}")).isTrue();
    assertThat(checker.accepts("stack.yml", "Resources:\n  B:\n    Type: AWS::S3::Bucket\n")).isTrue();
    assertThat(checker.accepts("stack.json", "{\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"}}}")).isTrue();
    assertThat(checker.accepts("Dockerfile", "AWSTemplateFormatVersion: '2010-09-09'\n")).isFalse();
    assertThat(checker.accepts("cm.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n  t: |\n"
        + "Resources:\n  B:\n    Type: AWS::S3::Bucket\n")).isFalse();
    assertThat(checker.accepts("cm.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n  template.yaml: |\n"
        + "    AWSTemplateFormatVersion: '2010-09-09'\n    Resources: {}\n")).isFalse();
    assertThat(checker.accepts("pod.json", "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": "
        + "{\"annotations\": {\"x\": \"Resources: Type: AWS::S3::Bucket\"}}}")).isFalse();
    assertThat(checker.accepts("docker-compose.yml", "services:\n  web:\n    image: nginx\n")).isFalse();
    assertThat(checker.accepts("deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n"))
        .isFalse();
    assertThat(ConfigCheckers.forFile("stack.yaml", "AWSTemplateFormatVersion: '2010-09-09'\n"))
        .isInstanceOf(CloudFormationChecker.class);
  }

  @Test
  void roleWithAdminInlinePolicyAndTrustPolicy() {
    String t = """
        AWSTemplateFormatVersion: '2010-09-09'
        Resources:
          DeployRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: {AWS: '*'}
                    Action: 'sts:AssumeRole'
              Policies:
                - PolicyName: admin
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Action: '*'
                        Resource: '*'
        """;
    List<Misconfiguration> ms = check(t);
    assertThat(ms).extracting(m -> m.line() + ":" + m.column() + " " + m.ruleId())
        .containsExactly("9:25 DD-CFN-008", "16:17 DD-CFN-001");
    assertThat(ms.get(0).references()).containsExactly("checkov CKV_AWS_60");
    assertThat(ms.get(0).resource()).isEqualTo("DeployRole AssumeRolePolicyDocument");
    assertThat(ms.get(1).references()).containsExactly("cfn_nag F3", "checkov CKV_AWS_62", "checkov CKV_AWS_63");
    assertThat(ms.get(1).resource()).isEqualTo("DeployRole admin");
    assertThat(found(t.replace("{AWS: '*'}", "{Service: ecs-tasks.amazonaws.com}").replace("'*'\n", "'s3:GetObject'\n")
        .replace("Resource: 's3:GetObject'", "Resource: !Sub 'arn:aws:s3:::${Bucket}/*'"))).isEmpty();
  }

  @Test
  void trustPolicyWithStarActionAndNotAction() {
    String t = """
        Resources:
          R:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: {Service: ec2.amazonaws.com}
                    Action: '*'
                  - Effect: Allow
                    Principal: {Service: ec2.amazonaws.com}
                    NotAction: 'sts:AssumeRole'
        """;
    List<Misconfiguration> ms = check(t);
    assertThat(ms).extracting(m -> m.line() + " " + m.ruleId()).containsExactly("9 DD-CFN-002", "12 DD-CFN-006");
    assertThat(ms.get(0).references()).containsExactly("cfn_nag F2");
    assertThat(ms.get(1).references()).containsExactly("cfn_nag W14");
  }

  @Test
  void policyKindsMapToTheirCfnNagIds() {
    String t = """
        Resources:
          P:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: deploy
              PolicyDocument:
                Statement:
                  Effect: Allow
                  Action: [iam:PassRole, s3:*]
                  Resource: '*'
          M:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: iam:PassRole
                    Resource: ['*']
                  - Effect: Allow
                    NotAction: iam:*
                    NotResource: arn:aws:s3:::x
        """;
    List<Misconfiguration> ms = check(t);
    assertThat(ms).extracting(m -> m.line() + " " + m.ruleId() + " " + m.references())
        .containsExactly("9 DD-CFN-003 [cfn_nag W12, checkov CKV_AWS_111]", "9 DD-CFN-005 []",
            "17 DD-CFN-005 [cfn_nag F40]", "20 DD-CFN-006 [cfn_nag W17]", "21 DD-CFN-007 [cfn_nag W23]");
    assertThat(ms.get(0).resource()).isEqualTo("P deploy");
  }

  @Test
  void userAndGroupPoliciesAndWritesOnStar() {
    String t = """
        Resources:
          U:
            Type: AWS::IAM::User
            Properties:
              Policies:
                - PolicyName: logs
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Action: [logs:CreateLogStream, logs:PutLogEvents, logs:DescribeLogGroups]
                        Resource: '*'
          G:
            Type: AWS::IAM::Group
            Properties:
              Policies:
                - PolicyName: read
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Action: [ec2:Describe*, s3:List*]
                        Resource: '*'
        """;
    List<Misconfiguration> ms = check(t);
    assertThat(ms).extracting(m -> m.line() + " " + m.ruleId()).containsExactly("11 DD-CFN-004");
    assertThat(ms.get(0).title()).contains("logs:CreateLogStream, logs:PutLogEvents").doesNotContain("Describe");
  }

  @Test
  void managedAdministratorPolicyInPlainSubAndJoinForms() {
    String t = """
        Resources:
          R:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}
              ManagedPolicyArns:
                - arn:aws:iam::aws:policy/AdministratorAccess
                - !Sub arn:${AWS::Partition}:iam::aws:policy/PowerUserAccess
                - !Join ['', ['arn:', !Ref AWS::Partition, ':iam::aws:policy/AdministratorAccess']]
                - arn:aws:iam::aws:policy/ReadOnlyAccess
                - !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/AdministratorAccess
                - !Ref AdminPolicyParam
          U:
            Type: AWS::IAM::User
            Properties:
              ManagedPolicyArns:
                - Fn::Sub: 'arn:${AWS::Partition}:iam::aws:policy/IAMFullAccess'
        """;
    List<Misconfiguration> ms = check(t);
    assertThat(ms).extracting(m -> m.line() + ":" + m.column() + " " + m.ruleId())
        .containsExactly("9:11 DD-CFN-009", "10:11 DD-CFN-009", "11:11 DD-CFN-009", "19:11 DD-CFN-009");
    assertThat(ms.get(0).references()).containsExactly("cfn_nag W43");
    assertThat(ms.get(3).references()).isEmpty();
  }

  @Test
  void resourcePoliciesWithAnyPrincipal() {
    String t = """
        Resources:
          BP:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref Site
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: '*'
                    Action: s3:GetObject
                    Resource: !Sub '${Site.Arn}/*'
          QP:
            Type: AWS::SQS::QueuePolicy
            Properties:
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: {AWS: '*'}
                    Action: [sqs:SendMessage, sqs:*]
                    Resource: '*'
                    Condition: {ArnEquals: {aws:SourceArn: !Ref Topic}}
          TP:
            Type: AWS::SNS::TopicPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - {Effect: Allow, Principal: {AWS: ['*']}, Action: sns:Publish, Resource: !Ref Topic}
          K:
            Type: AWS::KMS::Key
            Properties:
              KeyPolicy:
                Statement:
                  - Effect: Allow
                    Principal: {AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root'}
                    Action: kms:*
                    Resource: '*'
                  - Effect: Allow
                    Principal: {AWS: '*'}
                    Action: kms:Decrypt
                    Resource: '*'
        """;
    List<Misconfiguration> ms = check(t);
    assertThat(ms).extracting(m -> m.line() + " " + m.ruleId() + " " + m.references())
        .containsExactly("9 DD-CFN-008 [cfn_nag F16]", "27 DD-CFN-008 [cfn_nag F18]",
            "38 DD-CFN-008 [cfn_nag F76, checkov CKV_AWS_33]");
  }

  @Test
  void policyDocumentGivenAsJsonString() {
    String t = """
        {
          "Resources": {
            "P": {
              "Type": "AWS::IAM::ManagedPolicy",
              "Properties": {
            "PolicyDocument":"{\\"Statement\\":{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}}"
              }
            },
            "Q": {
              "Type": "AWS::IAM::ManagedPolicy",
              "Properties": {"PolicyDocument": "{not json"}
            }
          }
        }
        """;
    assertThat(checker.check("t.json", t)).extracting(m -> m.line() + " " + m.ruleId())
        .containsExactly("6 DD-CFN-001", "11 DD-CFN-000");
  }

  @Test
  void s3Buckets() {
    String t = """
        Resources:
          Open:
            Type: AWS::S3::Bucket
            Properties:
              AccessControl: PublicReadWrite
          Site:
            Type: AWS::S3::Bucket
            Properties:
              AccessControl: PublicRead
              BucketEncryption:
                ServerSideEncryptionConfiguration:
                  - ServerSideEncryptionByDefault: {SSEAlgorithm: AES256}
              PublicAccessBlockConfiguration:
                BlockPublicAcls: false
                BlockPublicPolicy: 'false'
                IgnorePublicAcls: true
          Partial:
            Type: AWS::S3::Bucket
            Properties:
              BucketEncryption: !If [Prod, {ServerSideEncryptionConfiguration: []}, !Ref AWS::NoValue]
              PublicAccessBlockConfiguration:
                BlockPublicAcls: true
                BlockPublicPolicy: !Ref Block
          Good:
            Type: AWS::S3::Bucket
            Properties:
              AccessControl: Private
              BucketEncryption:
                ServerSideEncryptionConfiguration:
                  - ServerSideEncryptionByDefault: {SSEAlgorithm: aws:kms}
              PublicAccessBlockConfiguration:
                BlockPublicAcls: true
                BlockPublicPolicy: true
                IgnorePublicAcls: true
                RestrictPublicBuckets: true
        """;
    List<Misconfiguration> ms = check(t);
    assertThat(ms).extracting(m -> m.line() + " " + m.ruleId()).containsExactly(
        "2 DD-CFN-012", "2 DD-CFN-013", "5 DD-CFN-011", "9 DD-CFN-010", "13 DD-CFN-012", "14 DD-CFN-012",
        "15 DD-CFN-012", "21 DD-CFN-012");
    assertThat(ms.get(4).title()).contains("RestrictPublicBuckets not set");
    assertThat(ms.get(7).title()).contains("IgnorePublicAcls, RestrictPublicBuckets not set");
    assertThat(ms.get(2).references()).containsExactly("cfn_nag F14", "checkov CKV_AWS_20", "checkov CKV_AWS_57");
    assertThat(ms.get(3).references()).containsExactly("cfn_nag W31", "checkov CKV_AWS_20");
  }

  @Test
  void volumesDatabasesAndFileSystems() {
    String t = """
        Resources:
          V1:
            Type: AWS::EC2::Volume
            Properties: {Size: 10, AvailabilityZone: eu-west-1a}
          V2:
            Type: AWS::EC2::Volume
            Properties:
              Encrypted: false
          V3:
            Type: AWS::EC2::Volume
            Properties:
              Encrypted: !Ref EncryptVolumes
          V4:
            Type: AWS::EC2::Volume
            Properties: {Encrypted: 'true'}
          Db:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: postgres
              PubliclyAccessible: true
          Db2:
            Type: AWS::RDS::DBInstance
            Properties:
              Engine: aurora-postgresql
              DBClusterIdentifier: !Ref Cluster
              PubliclyAccessible: false
          Db3:
            Type: AWS::RDS::DBInstance
            Properties: {Engine: mysql, StorageEncrypted: true}
          Fs:
            Type: AWS::EFS::FileSystem
            Properties:
              Encrypted: False
          Fs2:
            Type: AWS::EFS::FileSystem
            Properties: {Encrypted: true}
        """;
    assertThat(found(t)).containsExactly("2 DD-CFN-014", "8 DD-CFN-014", "16 DD-CFN-015", "20 DD-CFN-016",
        "33 DD-CFN-017");
  }

  @Test
  void securityGroupsOpenToTheWorld() {
    String t = """
        Resources:
          Sg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: test
              SecurityGroupIngress:
                - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
                - {IpProtocol: tcp, FromPort: '3380', ToPort: '3390', CidrIpv6: '::/0'}
                - {IpProtocol: '-1', CidrIp: 0.0.0.0/0}
                - {IpProtocol: tcp, FromPort: 0, ToPort: 65535, CidrIp: 0.0.0.0/0}
                - {IpProtocol: tcp, FromPort: 3000, ToPort: 6000, CidrIp: 0.0.0.0/0}
                - {IpProtocol: 6, FromPort: 20, ToPort: 6379, CidrIp: 0.0.0.0/0}
                - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
                - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.0.0.0/8}
                - {IpProtocol: tcp, FromPort: !Ref SshPort, ToPort: 22, CidrIp: 0.0.0.0/0}
                - {IpProtocol: icmp, FromPort: -1, ToPort: -1, CidrIp: 0.0.0.0/0}
                - {IpProtocol: tcp, FromPort: 22, ToPort: 22, SourceSecurityGroupId: !Ref Bastion}
                - !If [Dev, {IpProtocol: '-1', CidrIp: 0.0.0.0/0}, !Ref AWS::NoValue]
          In:
            Type: AWS::EC2::SecurityGroupIngress
            Properties:
              GroupId: !Ref Sg
              IpProtocol: tcp
              FromPort: 5432
              ToPort: 5432
              CidrIp: 0.0.0.0/0
        """;
    List<Misconfiguration> ms = check(t);
    assertThat(ms).extracting(m -> m.line() + " " + m.ruleId()).containsExactly("7 DD-CFN-020", "8 DD-CFN-020",
        "9 DD-CFN-021", "10 DD-CFN-021", "11 DD-CFN-020", "11 DD-CFN-022", "12 DD-CFN-020", "12 DD-CFN-022",
        "26 DD-CFN-022");
    assertThat(ms.get(0).references()).containsExactly("cfn_nag W2", "checkov CKV_AWS_24");
    assertThat(ms.get(1).references()).containsExactly("cfn_nag W2", "checkov CKV_AWS_25");
    assertThat(ms.get(0).column()).isEqualTo(55);
    assertThat(ms.get(0).resource()).isEqualTo("Sg");
    assertThat(ms.get(4).title()).contains("port 3389");
    assertThat(ms.get(5).title()).contains("ports 3306, 5432");
  }

  @Test
  void unknownIntrinsicFunctionsAreFindingsAndTheRestIsChecked() {
    String t = """
        Resources:
          B:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: !Frobnicate [a, b]
              AccessControl: PublicRead
              BucketEncryption: {ServerSideEncryptionConfiguration: []}
              PublicAccessBlockConfiguration:
                Fn::Magic: x
        """;
    List<Misconfiguration> ms = check(t);
    assertThat(ms).extracting(m -> m.line() + " " + m.ruleId()).containsExactly("5 DD-CFN-000", "6 DD-CFN-010",
        "9 DD-CFN-000");
    assertThat(ms.get(0).title()).contains("!Frobnicate");
    assertThat(ms.get(2).title()).contains("Fn::Magic");
  }

  @Test
  void wrongTypesAreFindingsNotExceptions() {
    String t = """
        Resources:
          List:
            Type: AWS::S3::Bucket
            Properties: [a, b]
          Num:
            Type: AWS::IAM::Policy
            Properties:
              PolicyDocument: {Statement: 5}
          NoType:
            Properties: {}
          Scalar: hello
          Role:
            Type: AWS::IAM::Role
            Properties:
              Policies: {PolicyName: x}
          User:
            Type: AWS::IAM::User
            Properties:
              Policies: [7, {PolicyName: p, PolicyDocument: [1]}]
          Sg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              SecurityGroupIngress: {CidrIp: 0.0.0.0/0}
          Sg2:
            Type: AWS::EC2::SecurityGroup
            Properties:
              SecurityGroupIngress: [22]
          Bucket:
            Type: AWS::S3::Bucket
            Properties:
              BucketEncryption: {}
              PublicAccessBlockConfiguration: [true]
          Ports:
            Type: AWS::EC2::SecurityGroupIngress
            Properties: {IpProtocol: tcp, FromPort: [22], ToPort: {a: 1}, CidrIp: 0.0.0.0/0}
        """;
    assertThat(found(t)).containsExactly("4 DD-CFN-000", "8 DD-CFN-000", "9 DD-CFN-000", "11 DD-CFN-000",
        "15 DD-CFN-000", "19 DD-CFN-000", "19 DD-CFN-000", "23 DD-CFN-000", "27 DD-CFN-000", "32 DD-CFN-000");
    assertThat(found("Resources: [1, 2]\n")).containsExactly("1 DD-CFN-000");
  }

  @Test
  void badInputIsOneLineWithFileAndLine() {
    assertThatThrownBy(() -> checker.check("t.yaml", "Resources:\n  B:\n    Type: [unclosed\n"))
        .isInstanceOf(DrydockException.class).hasMessageStartingWith("t.yaml:").hasMessageContaining("invalid YAML")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> checker.check("t.json", "{\"Resources\": {\"B\": }}"))
        .isInstanceOf(DrydockException.class).hasMessageStartingWith("t.json:1: invalid JSON");
    assertThatThrownBy(() -> checker.check("t.yaml", "# comment\n- AWSTemplateFormatVersion\n"))
        .isInstanceOf(DrydockException.class).hasMessage("t.yaml:2: not a CloudFormation template: "
            + "the top level is not a mapping");
    String bomb = "AWSTemplateFormatVersion: x\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
        + "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
    assertThatThrownBy(() -> checker.check("t.yaml", bomb)).isInstanceOf(DrydockException.class)
        .hasMessageStartingWith("t.yaml:");
  }
}
