// Generated from the official Smithy models by test/emulators/aws/lean-responses.test.ts
// (UPDATE_LEAN_TABLE=1 npx vitest run test/emulators/aws/lean-responses.test.ts). Do not edit by hand.
import type { LeanTable } from './lean-model.js';

export const LEAN_TABLE: LeanTable = {
 "outputs": {
  "iam:CreateAccessKey": "com.amazonaws.iam#CreateAccessKeyResponse",
  "iam:CreateLoginProfile": "com.amazonaws.iam#CreateLoginProfileResponse",
  "iam:CreatePolicy": "com.amazonaws.iam#CreatePolicyResponse",
  "iam:CreatePolicyVersion": "com.amazonaws.iam#CreatePolicyVersionResponse",
  "iam:CreateServiceSpecificCredential": "com.amazonaws.iam#CreateServiceSpecificCredentialResponse",
  "iam:CreateUser": "com.amazonaws.iam#CreateUserResponse",
  "iam:CreateVirtualMFADevice": "com.amazonaws.iam#CreateVirtualMFADeviceResponse",
  "iam:GenerateCredentialReport": "com.amazonaws.iam#GenerateCredentialReportResponse",
  "iam:GetAccessKeyLastUsed": "com.amazonaws.iam#GetAccessKeyLastUsedResponse",
  "iam:GetAccountAuthorizationDetails": "com.amazonaws.iam#GetAccountAuthorizationDetailsResponse",
  "iam:GetCredentialReport": "com.amazonaws.iam#GetCredentialReportResponse",
  "iam:GetLoginProfile": "com.amazonaws.iam#GetLoginProfileResponse",
  "iam:GetPolicy": "com.amazonaws.iam#GetPolicyResponse",
  "iam:GetPolicyVersion": "com.amazonaws.iam#GetPolicyVersionResponse",
  "iam:GetUser": "com.amazonaws.iam#GetUserResponse",
  "iam:GetUserPolicy": "com.amazonaws.iam#GetUserPolicyResponse",
  "iam:ListAccessKeys": "com.amazonaws.iam#ListAccessKeysResponse",
  "iam:ListAttachedUserPolicies": "com.amazonaws.iam#ListAttachedUserPoliciesResponse",
  "iam:ListEntitiesForPolicy": "com.amazonaws.iam#ListEntitiesForPolicyResponse",
  "iam:ListMFADevices": "com.amazonaws.iam#ListMFADevicesResponse",
  "iam:ListPolicies": "com.amazonaws.iam#ListPoliciesResponse",
  "iam:ListPolicyVersions": "com.amazonaws.iam#ListPolicyVersionsResponse",
  "iam:ListSSHPublicKeys": "com.amazonaws.iam#ListSSHPublicKeysResponse",
  "iam:ListServiceSpecificCredentials": "com.amazonaws.iam#ListServiceSpecificCredentialsResponse",
  "iam:ListSigningCertificates": "com.amazonaws.iam#ListSigningCertificatesResponse",
  "iam:ListUserPolicies": "com.amazonaws.iam#ListUserPoliciesResponse",
  "iam:ListUserTags": "com.amazonaws.iam#ListUserTagsResponse",
  "iam:ListUsers": "com.amazonaws.iam#ListUsersResponse",
  "iam:ListVirtualMFADevices": "com.amazonaws.iam#ListVirtualMFADevicesResponse",
  "iam:UploadSSHPublicKey": "com.amazonaws.iam#UploadSSHPublicKeyResponse",
  "iam:UploadSigningCertificate": "com.amazonaws.iam#UploadSigningCertificateResponse",
  "route53:ChangeResourceRecordSets": "com.amazonaws.route53#ChangeResourceRecordSetsResponse",
  "route53:ChangeTagsForResource": "com.amazonaws.route53#ChangeTagsForResourceResponse",
  "route53:CreateHostedZone": "com.amazonaws.route53#CreateHostedZoneResponse",
  "route53:DeleteHostedZone": "com.amazonaws.route53#DeleteHostedZoneResponse",
  "route53:GetAccountLimit": "com.amazonaws.route53#GetAccountLimitResponse",
  "route53:GetChange": "com.amazonaws.route53#GetChangeResponse",
  "route53:GetHostedZone": "com.amazonaws.route53#GetHostedZoneResponse",
  "route53:ListHostedZones": "com.amazonaws.route53#ListHostedZonesResponse",
  "route53:ListHostedZonesByName": "com.amazonaws.route53#ListHostedZonesByNameResponse",
  "route53:ListResourceRecordSets": "com.amazonaws.route53#ListResourceRecordSetsResponse",
  "route53:ListTagsForResource": "com.amazonaws.route53#ListTagsForResourceResponse",
  "route53:ListTagsForResources": "com.amazonaws.route53#ListTagsForResourcesResponse",
  "route53:UpdateHostedZoneComment": "com.amazonaws.route53#UpdateHostedZoneCommentResponse"
 },
 "tokens": {
  "iam:GetAccountAuthorizationDetails": "Marker",
  "iam:ListAccessKeys": "Marker",
  "iam:ListAttachedUserPolicies": "Marker",
  "iam:ListEntitiesForPolicy": "Marker",
  "iam:ListMFADevices": "Marker",
  "iam:ListPolicies": "Marker",
  "iam:ListPolicyVersions": "Marker",
  "iam:ListSSHPublicKeys": "Marker",
  "iam:ListSigningCertificates": "Marker",
  "iam:ListUserPolicies": "Marker",
  "iam:ListUserTags": "Marker",
  "iam:ListUsers": "Marker",
  "iam:ListVirtualMFADevices": "Marker",
  "route53:ListHostedZones": "NextMarker"
 },
 "shapes": {
  "com.amazonaws.iam#AccessKey": {
   "structure": {
    "UserName": [
     "com.amazonaws.iam#userNameType",
     true
    ],
    "AccessKeyId": [
     "com.amazonaws.iam#accessKeyIdType",
     true
    ],
    "Status": [
     "com.amazonaws.iam#statusType",
     true
    ],
    "SecretAccessKey": [
     "com.amazonaws.iam#accessKeySecretType",
     true
    ],
    "CreateDate": [
     "com.amazonaws.iam#dateType",
     false
    ]
   }
  },
  "com.amazonaws.iam#AccessKeyLastUsed": {
   "structure": {
    "LastUsedDate": [
     "com.amazonaws.iam#dateType",
     false
    ],
    "ServiceName": [
     "com.amazonaws.iam#stringType",
     true
    ],
    "Region": [
     "com.amazonaws.iam#stringType",
     true
    ]
   }
  },
  "com.amazonaws.iam#AccessKeyMetadata": {
   "structure": {
    "UserName": [
     "com.amazonaws.iam#userNameType",
     false
    ],
    "AccessKeyId": [
     "com.amazonaws.iam#accessKeyIdType",
     false
    ],
    "Status": [
     "com.amazonaws.iam#statusType",
     false
    ],
    "CreateDate": [
     "com.amazonaws.iam#dateType",
     false
    ]
   }
  },
  "com.amazonaws.iam#AttachedPermissionsBoundary": {
   "structure": {
    "PermissionsBoundaryType": [
     "com.amazonaws.iam#PermissionsBoundaryAttachmentType",
     false
    ],
    "PermissionsBoundaryArn": [
     "com.amazonaws.iam#arnType",
     false
    ]
   }
  },
  "com.amazonaws.iam#AttachedPolicy": {
   "structure": {
    "PolicyName": [
     "com.amazonaws.iam#policyNameType",
     false
    ],
    "PolicyArn": [
     "com.amazonaws.iam#arnType",
     false
    ]
   }
  },
  "com.amazonaws.iam#CreateAccessKeyResponse": {
   "structure": {
    "AccessKey": [
     "com.amazonaws.iam#AccessKey",
     true
    ]
   }
  },
  "com.amazonaws.iam#CreateLoginProfileResponse": {
   "structure": {
    "LoginProfile": [
     "com.amazonaws.iam#LoginProfile",
     true
    ]
   }
  },
  "com.amazonaws.iam#CreatePolicyResponse": {
   "structure": {
    "Policy": [
     "com.amazonaws.iam#Policy",
     false
    ]
   }
  },
  "com.amazonaws.iam#CreatePolicyVersionResponse": {
   "structure": {
    "PolicyVersion": [
     "com.amazonaws.iam#PolicyVersion",
     false
    ]
   }
  },
  "com.amazonaws.iam#CreateServiceSpecificCredentialResponse": {
   "structure": {
    "ServiceSpecificCredential": [
     "com.amazonaws.iam#ServiceSpecificCredential",
     false
    ]
   }
  },
  "com.amazonaws.iam#CreateUserResponse": {
   "structure": {
    "User": [
     "com.amazonaws.iam#User",
     false
    ]
   }
  },
  "com.amazonaws.iam#CreateVirtualMFADeviceResponse": {
   "structure": {
    "VirtualMFADevice": [
     "com.amazonaws.iam#VirtualMFADevice",
     true
    ]
   }
  },
  "com.amazonaws.iam#GenerateCredentialReportResponse": {
   "structure": {
    "State": [
     "com.amazonaws.iam#ReportStateType",
     false
    ],
    "Description": [
     "com.amazonaws.iam#ReportStateDescriptionType",
     false
    ]
   }
  },
  "com.amazonaws.iam#GetAccessKeyLastUsedResponse": {
   "structure": {
    "UserName": [
     "com.amazonaws.iam#existingUserNameType",
     false
    ],
    "AccessKeyLastUsed": [
     "com.amazonaws.iam#AccessKeyLastUsed",
     false
    ]
   }
  },
  "com.amazonaws.iam#GetAccountAuthorizationDetailsResponse": {
   "structure": {
    "UserDetailList": [
     "com.amazonaws.iam#userDetailListType",
     false
    ],
    "GroupDetailList": [
     "com.amazonaws.iam#groupDetailListType",
     false
    ],
    "RoleDetailList": [
     "com.amazonaws.iam#roleDetailListType",
     false
    ],
    "Policies": [
     "com.amazonaws.iam#ManagedPolicyDetailListType",
     false
    ],
    "IsTruncated": [
     "com.amazonaws.iam#booleanType",
     false
    ],
    "Marker": [
     "com.amazonaws.iam#responseMarkerType",
     false
    ]
   }
  },
  "com.amazonaws.iam#GetCredentialReportResponse": {
   "structure": {
    "Content": [
     "com.amazonaws.iam#ReportContentType",
     false
    ],
    "ReportFormat": [
     "com.amazonaws.iam#ReportFormatType",
     false
    ],
    "GeneratedTime": [
     "com.amazonaws.iam#dateType",
     false
    ]
   }
  },
  "com.amazonaws.iam#GetLoginProfileResponse": {
   "structure": {
    "LoginProfile": [
     "com.amazonaws.iam#LoginProfile",
     true
    ]
   }
  },
  "com.amazonaws.iam#GetPolicyResponse": {
   "structure": {
    "Policy": [
     "com.amazonaws.iam#Policy",
     false
    ]
   }
  },
  "com.amazonaws.iam#GetPolicyVersionResponse": {
   "structure": {
    "PolicyVersion": [
     "com.amazonaws.iam#PolicyVersion",
     false
    ]
   }
  },
  "com.amazonaws.iam#GetUserPolicyResponse": {
   "structure": {
    "UserName": [
     "com.amazonaws.iam#existingUserNameType",
     true
    ],
    "PolicyName": [
     "com.amazonaws.iam#policyNameType",
     true
    ],
    "PolicyDocument": [
     "com.amazonaws.iam#policyDocumentType",
     true
    ]
   }
  },
  "com.amazonaws.iam#GetUserResponse": {
   "structure": {
    "User": [
     "com.amazonaws.iam#User",
     true
    ]
   }
  },
  "com.amazonaws.iam#GroupDetail": {
   "structure": {
    "Path": [
     "com.amazonaws.iam#pathType",
     false
    ],
    "GroupName": [
     "com.amazonaws.iam#groupNameType",
     false
    ],
    "GroupId": [
     "com.amazonaws.iam#idType",
     false
    ],
    "Arn": [
     "com.amazonaws.iam#arnType",
     false
    ],
    "CreateDate": [
     "com.amazonaws.iam#dateType",
     false
    ],
    "GroupPolicyList": [
     "com.amazonaws.iam#policyDetailListType",
     false
    ],
    "AttachedManagedPolicies": [
     "com.amazonaws.iam#attachedPoliciesListType",
     false
    ]
   }
  },
  "com.amazonaws.iam#InstanceProfile": {
   "structure": {
    "Path": [
     "com.amazonaws.iam#pathType",
     true
    ],
    "InstanceProfileName": [
     "com.amazonaws.iam#instanceProfileNameType",
     true
    ],
    "InstanceProfileId": [
     "com.amazonaws.iam#idType",
     true
    ],
    "Arn": [
     "com.amazonaws.iam#arnType",
     true
    ],
    "CreateDate": [
     "com.amazonaws.iam#dateType",
     true
    ],
    "Roles": [
     "com.amazonaws.iam#roleListType",
     true
    ],
    "Tags": [
     "com.amazonaws.iam#tagListType",
     false
    ]
   }
  },
  "com.amazonaws.iam#ListAccessKeysResponse": {
   "structure": {
    "AccessKeyMetadata": [
     "com.amazonaws.iam#accessKeyMetadataListType",
     true
    ],
    "IsTruncated": [
     "com.amazonaws.iam#booleanType",
     false
    ],
    "Marker": [
     "com.amazonaws.iam#responseMarkerType",
     false
    ]
   }
  },
  "com.amazonaws.iam#ListAttachedUserPoliciesResponse": {
   "structure": {
    "AttachedPolicies": [
     "com.amazonaws.iam#attachedPoliciesListType",
     false
    ],
    "IsTruncated": [
     "com.amazonaws.iam#booleanType",
     false
    ],
    "Marker": [
     "com.amazonaws.iam#responseMarkerType",
     false
    ]
   }
  },
  "com.amazonaws.iam#ListEntitiesForPolicyResponse": {
   "structure": {
    "PolicyGroups": [
     "com.amazonaws.iam#PolicyGroupListType",
     false
    ],
    "PolicyUsers": [
     "com.amazonaws.iam#PolicyUserListType",
     false
    ],
    "PolicyRoles": [
     "com.amazonaws.iam#PolicyRoleListType",
     false
    ],
    "IsTruncated": [
     "com.amazonaws.iam#booleanType",
     false
    ],
    "Marker": [
     "com.amazonaws.iam#responseMarkerType",
     false
    ]
   }
  },
  "com.amazonaws.iam#ListMFADevicesResponse": {
   "structure": {
    "MFADevices": [
     "com.amazonaws.iam#mfaDeviceListType",
     true
    ],
    "IsTruncated": [
     "com.amazonaws.iam#booleanType",
     false
    ],
    "Marker": [
     "com.amazonaws.iam#responseMarkerType",
     false
    ]
   }
  },
  "com.amazonaws.iam#ListPoliciesResponse": {
   "structure": {
    "Policies": [
     "com.amazonaws.iam#policyListType",
     false
    ],
    "IsTruncated": [
     "com.amazonaws.iam#booleanType",
     false
    ],
    "Marker": [
     "com.amazonaws.iam#responseMarkerType",
     false
    ]
   }
  },
  "com.amazonaws.iam#ListPolicyVersionsResponse": {
   "structure": {
    "Versions": [
     "com.amazonaws.iam#policyDocumentVersionListType",
     false
    ],
    "IsTruncated": [
     "com.amazonaws.iam#booleanType",
     false
    ],
    "Marker": [
     "com.amazonaws.iam#responseMarkerType",
     false
    ]
   }
  },
  "com.amazonaws.iam#ListSSHPublicKeysResponse": {
   "structure": {
    "SSHPublicKeys": [
     "com.amazonaws.iam#SSHPublicKeyListType",
     false
    ],
    "IsTruncated": [
     "com.amazonaws.iam#booleanType",
     false
    ],
    "Marker": [
     "com.amazonaws.iam#responseMarkerType",
     false
    ]
   }
  },
  "com.amazonaws.iam#ListServiceSpecificCredentialsResponse": {
   "structure": {
    "ServiceSpecificCredentials": [
     "com.amazonaws.iam#ServiceSpecificCredentialsListType",
     false
    ]
   }
  },
  "com.amazonaws.iam#ListSigningCertificatesResponse": {
   "structure": {
    "Certificates": [
     "com.amazonaws.iam#certificateListType",
     true
    ],
    "IsTruncated": [
     "com.amazonaws.iam#booleanType",
     false
    ],
    "Marker": [
     "com.amazonaws.iam#responseMarkerType",
     false
    ]
   }
  },
  "com.amazonaws.iam#ListUserPoliciesResponse": {
   "structure": {
    "PolicyNames": [
     "com.amazonaws.iam#policyNameListType",
     true
    ],
    "IsTruncated": [
     "com.amazonaws.iam#booleanType",
     false
    ],
    "Marker": [
     "com.amazonaws.iam#responseMarkerType",
     false
    ]
   }
  },
  "com.amazonaws.iam#ListUserTagsResponse": {
   "structure": {
    "Tags": [
     "com.amazonaws.iam#tagListType",
     true
    ],
    "IsTruncated": [
     "com.amazonaws.iam#booleanType",
     false
    ],
    "Marker": [
     "com.amazonaws.iam#responseMarkerType",
     false
    ]
   }
  },
  "com.amazonaws.iam#ListUsersResponse": {
   "structure": {
    "Users": [
     "com.amazonaws.iam#userListType",
     true
    ],
    "IsTruncated": [
     "com.amazonaws.iam#booleanType",
     false
    ],
    "Marker": [
     "com.amazonaws.iam#responseMarkerType",
     false
    ]
   }
  },
  "com.amazonaws.iam#ListVirtualMFADevicesResponse": {
   "structure": {
    "VirtualMFADevices": [
     "com.amazonaws.iam#virtualMFADeviceListType",
     true
    ],
    "IsTruncated": [
     "com.amazonaws.iam#booleanType",
     false
    ],
    "Marker": [
     "com.amazonaws.iam#responseMarkerType",
     false
    ]
   }
  },
  "com.amazonaws.iam#LoginProfile": {
   "structure": {
    "UserName": [
     "com.amazonaws.iam#userNameType",
     true
    ],
    "CreateDate": [
     "com.amazonaws.iam#dateType",
     true
    ],
    "PasswordResetRequired": [
     "com.amazonaws.iam#booleanType",
     false
    ]
   }
  },
  "com.amazonaws.iam#MFADevice": {
   "structure": {
    "UserName": [
     "com.amazonaws.iam#userNameType",
     true
    ],
    "SerialNumber": [
     "com.amazonaws.iam#serialNumberType",
     true
    ],
    "EnableDate": [
     "com.amazonaws.iam#dateType",
     true
    ]
   }
  },
  "com.amazonaws.iam#ManagedPolicyDetail": {
   "structure": {
    "PolicyName": [
     "com.amazonaws.iam#policyNameType",
     false
    ],
    "PolicyId": [
     "com.amazonaws.iam#idType",
     false
    ],
    "Arn": [
     "com.amazonaws.iam#arnType",
     false
    ],
    "Path": [
     "com.amazonaws.iam#policyPathType",
     false
    ],
    "DefaultVersionId": [
     "com.amazonaws.iam#policyVersionIdType",
     false
    ],
    "AttachmentCount": [
     "com.amazonaws.iam#attachmentCountType",
     false
    ],
    "PermissionsBoundaryUsageCount": [
     "com.amazonaws.iam#attachmentCountType",
     false
    ],
    "IsAttachable": [
     "com.amazonaws.iam#booleanType",
     false
    ],
    "Description": [
     "com.amazonaws.iam#policyDescriptionType",
     false
    ],
    "CreateDate": [
     "com.amazonaws.iam#dateType",
     false
    ],
    "UpdateDate": [
     "com.amazonaws.iam#dateType",
     false
    ],
    "PolicyVersionList": [
     "com.amazonaws.iam#policyDocumentVersionListType",
     false
    ]
   }
  },
  "com.amazonaws.iam#ManagedPolicyDetailListType": {
   "list": "com.amazonaws.iam#ManagedPolicyDetail"
  },
  "com.amazonaws.iam#Policy": {
   "structure": {
    "PolicyName": [
     "com.amazonaws.iam#policyNameType",
     false
    ],
    "PolicyId": [
     "com.amazonaws.iam#idType",
     false
    ],
    "Arn": [
     "com.amazonaws.iam#arnType",
     false
    ],
    "Path": [
     "com.amazonaws.iam#policyPathType",
     false
    ],
    "DefaultVersionId": [
     "com.amazonaws.iam#policyVersionIdType",
     false
    ],
    "AttachmentCount": [
     "com.amazonaws.iam#attachmentCountType",
     false
    ],
    "PermissionsBoundaryUsageCount": [
     "com.amazonaws.iam#attachmentCountType",
     false
    ],
    "IsAttachable": [
     "com.amazonaws.iam#booleanType",
     false
    ],
    "Description": [
     "com.amazonaws.iam#policyDescriptionType",
     false
    ],
    "CreateDate": [
     "com.amazonaws.iam#dateType",
     false
    ],
    "UpdateDate": [
     "com.amazonaws.iam#dateType",
     false
    ],
    "Tags": [
     "com.amazonaws.iam#tagListType",
     false
    ]
   }
  },
  "com.amazonaws.iam#PolicyDetail": {
   "structure": {
    "PolicyName": [
     "com.amazonaws.iam#policyNameType",
     false
    ],
    "PolicyDocument": [
     "com.amazonaws.iam#policyDocumentType",
     false
    ]
   }
  },
  "com.amazonaws.iam#PolicyGroup": {
   "structure": {
    "GroupName": [
     "com.amazonaws.iam#groupNameType",
     false
    ],
    "GroupId": [
     "com.amazonaws.iam#idType",
     false
    ]
   }
  },
  "com.amazonaws.iam#PolicyGroupListType": {
   "list": "com.amazonaws.iam#PolicyGroup"
  },
  "com.amazonaws.iam#PolicyRole": {
   "structure": {
    "RoleName": [
     "com.amazonaws.iam#roleNameType",
     false
    ],
    "RoleId": [
     "com.amazonaws.iam#idType",
     false
    ]
   }
  },
  "com.amazonaws.iam#PolicyRoleListType": {
   "list": "com.amazonaws.iam#PolicyRole"
  },
  "com.amazonaws.iam#PolicyUser": {
   "structure": {
    "UserName": [
     "com.amazonaws.iam#userNameType",
     false
    ],
    "UserId": [
     "com.amazonaws.iam#idType",
     false
    ]
   }
  },
  "com.amazonaws.iam#PolicyUserListType": {
   "list": "com.amazonaws.iam#PolicyUser"
  },
  "com.amazonaws.iam#PolicyVersion": {
   "structure": {
    "Document": [
     "com.amazonaws.iam#policyDocumentType",
     false
    ],
    "VersionId": [
     "com.amazonaws.iam#policyVersionIdType",
     false
    ],
    "IsDefaultVersion": [
     "com.amazonaws.iam#booleanType",
     false
    ],
    "CreateDate": [
     "com.amazonaws.iam#dateType",
     false
    ]
   }
  },
  "com.amazonaws.iam#Role": {
   "structure": {
    "Path": [
     "com.amazonaws.iam#pathType",
     true
    ],
    "RoleName": [
     "com.amazonaws.iam#roleNameType",
     true
    ],
    "RoleId": [
     "com.amazonaws.iam#idType",
     true
    ],
    "Arn": [
     "com.amazonaws.iam#arnType",
     true
    ],
    "CreateDate": [
     "com.amazonaws.iam#dateType",
     true
    ],
    "AssumeRolePolicyDocument": [
     "com.amazonaws.iam#policyDocumentType",
     false
    ],
    "Description": [
     "com.amazonaws.iam#roleDescriptionType",
     false
    ],
    "MaxSessionDuration": [
     "com.amazonaws.iam#roleMaxSessionDurationType",
     false
    ],
    "PermissionsBoundary": [
     "com.amazonaws.iam#AttachedPermissionsBoundary",
     false
    ],
    "Tags": [
     "com.amazonaws.iam#tagListType",
     false
    ],
    "RoleLastUsed": [
     "com.amazonaws.iam#RoleLastUsed",
     false
    ]
   }
  },
  "com.amazonaws.iam#RoleDetail": {
   "structure": {
    "Path": [
     "com.amazonaws.iam#pathType",
     false
    ],
    "RoleName": [
     "com.amazonaws.iam#roleNameType",
     false
    ],
    "RoleId": [
     "com.amazonaws.iam#idType",
     false
    ],
    "Arn": [
     "com.amazonaws.iam#arnType",
     false
    ],
    "CreateDate": [
     "com.amazonaws.iam#dateType",
     false
    ],
    "AssumeRolePolicyDocument": [
     "com.amazonaws.iam#policyDocumentType",
     false
    ],
    "InstanceProfileList": [
     "com.amazonaws.iam#instanceProfileListType",
     false
    ],
    "RolePolicyList": [
     "com.amazonaws.iam#policyDetailListType",
     false
    ],
    "AttachedManagedPolicies": [
     "com.amazonaws.iam#attachedPoliciesListType",
     false
    ],
    "PermissionsBoundary": [
     "com.amazonaws.iam#AttachedPermissionsBoundary",
     false
    ],
    "Tags": [
     "com.amazonaws.iam#tagListType",
     false
    ],
    "RoleLastUsed": [
     "com.amazonaws.iam#RoleLastUsed",
     false
    ]
   }
  },
  "com.amazonaws.iam#RoleLastUsed": {
   "structure": {
    "LastUsedDate": [
     "com.amazonaws.iam#dateType",
     false
    ],
    "Region": [
     "com.amazonaws.iam#stringType",
     false
    ]
   }
  },
  "com.amazonaws.iam#SSHPublicKey": {
   "structure": {
    "UserName": [
     "com.amazonaws.iam#userNameType",
     true
    ],
    "SSHPublicKeyId": [
     "com.amazonaws.iam#publicKeyIdType",
     true
    ],
    "Fingerprint": [
     "com.amazonaws.iam#publicKeyFingerprintType",
     true
    ],
    "SSHPublicKeyBody": [
     "com.amazonaws.iam#publicKeyMaterialType",
     true
    ],
    "Status": [
     "com.amazonaws.iam#statusType",
     true
    ],
    "UploadDate": [
     "com.amazonaws.iam#dateType",
     false
    ]
   }
  },
  "com.amazonaws.iam#SSHPublicKeyListType": {
   "list": "com.amazonaws.iam#SSHPublicKeyMetadata"
  },
  "com.amazonaws.iam#SSHPublicKeyMetadata": {
   "structure": {
    "UserName": [
     "com.amazonaws.iam#userNameType",
     true
    ],
    "SSHPublicKeyId": [
     "com.amazonaws.iam#publicKeyIdType",
     true
    ],
    "Status": [
     "com.amazonaws.iam#statusType",
     true
    ],
    "UploadDate": [
     "com.amazonaws.iam#dateType",
     true
    ]
   }
  },
  "com.amazonaws.iam#ServiceSpecificCredential": {
   "structure": {
    "CreateDate": [
     "com.amazonaws.iam#dateType",
     true
    ],
    "ServiceName": [
     "com.amazonaws.iam#serviceName",
     true
    ],
    "ServiceUserName": [
     "com.amazonaws.iam#serviceUserName",
     true
    ],
    "ServicePassword": [
     "com.amazonaws.iam#servicePassword",
     true
    ],
    "ServiceSpecificCredentialId": [
     "com.amazonaws.iam#serviceSpecificCredentialId",
     true
    ],
    "UserName": [
     "com.amazonaws.iam#userNameType",
     true
    ],
    "Status": [
     "com.amazonaws.iam#statusType",
     true
    ]
   }
  },
  "com.amazonaws.iam#ServiceSpecificCredentialMetadata": {
   "structure": {
    "UserName": [
     "com.amazonaws.iam#userNameType",
     true
    ],
    "Status": [
     "com.amazonaws.iam#statusType",
     true
    ],
    "ServiceUserName": [
     "com.amazonaws.iam#serviceUserName",
     true
    ],
    "CreateDate": [
     "com.amazonaws.iam#dateType",
     true
    ],
    "ServiceSpecificCredentialId": [
     "com.amazonaws.iam#serviceSpecificCredentialId",
     true
    ],
    "ServiceName": [
     "com.amazonaws.iam#serviceName",
     true
    ]
   }
  },
  "com.amazonaws.iam#ServiceSpecificCredentialsListType": {
   "list": "com.amazonaws.iam#ServiceSpecificCredentialMetadata"
  },
  "com.amazonaws.iam#SigningCertificate": {
   "structure": {
    "UserName": [
     "com.amazonaws.iam#userNameType",
     true
    ],
    "CertificateId": [
     "com.amazonaws.iam#certificateIdType",
     true
    ],
    "CertificateBody": [
     "com.amazonaws.iam#certificateBodyType",
     true
    ],
    "Status": [
     "com.amazonaws.iam#statusType",
     true
    ],
    "UploadDate": [
     "com.amazonaws.iam#dateType",
     false
    ]
   }
  },
  "com.amazonaws.iam#Tag": {
   "structure": {
    "Key": [
     "com.amazonaws.iam#tagKeyType",
     true
    ],
    "Value": [
     "com.amazonaws.iam#tagValueType",
     true
    ]
   }
  },
  "com.amazonaws.iam#UploadSSHPublicKeyResponse": {
   "structure": {
    "SSHPublicKey": [
     "com.amazonaws.iam#SSHPublicKey",
     false
    ]
   }
  },
  "com.amazonaws.iam#UploadSigningCertificateResponse": {
   "structure": {
    "Certificate": [
     "com.amazonaws.iam#SigningCertificate",
     true
    ]
   }
  },
  "com.amazonaws.iam#User": {
   "structure": {
    "Path": [
     "com.amazonaws.iam#pathType",
     true
    ],
    "UserName": [
     "com.amazonaws.iam#userNameType",
     true
    ],
    "UserId": [
     "com.amazonaws.iam#idType",
     true
    ],
    "Arn": [
     "com.amazonaws.iam#arnType",
     true
    ],
    "CreateDate": [
     "com.amazonaws.iam#dateType",
     true
    ],
    "PasswordLastUsed": [
     "com.amazonaws.iam#dateType",
     false
    ],
    "PermissionsBoundary": [
     "com.amazonaws.iam#AttachedPermissionsBoundary",
     false
    ],
    "Tags": [
     "com.amazonaws.iam#tagListType",
     false
    ]
   }
  },
  "com.amazonaws.iam#UserDetail": {
   "structure": {
    "Path": [
     "com.amazonaws.iam#pathType",
     false
    ],
    "UserName": [
     "com.amazonaws.iam#userNameType",
     false
    ],
    "UserId": [
     "com.amazonaws.iam#idType",
     false
    ],
    "Arn": [
     "com.amazonaws.iam#arnType",
     false
    ],
    "CreateDate": [
     "com.amazonaws.iam#dateType",
     false
    ],
    "UserPolicyList": [
     "com.amazonaws.iam#policyDetailListType",
     false
    ],
    "GroupList": [
     "com.amazonaws.iam#groupNameListType",
     false
    ],
    "AttachedManagedPolicies": [
     "com.amazonaws.iam#attachedPoliciesListType",
     false
    ],
    "PermissionsBoundary": [
     "com.amazonaws.iam#AttachedPermissionsBoundary",
     false
    ],
    "Tags": [
     "com.amazonaws.iam#tagListType",
     false
    ]
   }
  },
  "com.amazonaws.iam#VirtualMFADevice": {
   "structure": {
    "SerialNumber": [
     "com.amazonaws.iam#serialNumberType",
     true
    ],
    "Base32StringSeed": [
     "com.amazonaws.iam#BootstrapDatum",
     false
    ],
    "QRCodePNG": [
     "com.amazonaws.iam#BootstrapDatum",
     false
    ],
    "User": [
     "com.amazonaws.iam#User",
     false
    ],
    "EnableDate": [
     "com.amazonaws.iam#dateType",
     false
    ],
    "Tags": [
     "com.amazonaws.iam#tagListType",
     false
    ]
   }
  },
  "com.amazonaws.iam#accessKeyMetadataListType": {
   "list": "com.amazonaws.iam#AccessKeyMetadata"
  },
  "com.amazonaws.iam#attachedPoliciesListType": {
   "list": "com.amazonaws.iam#AttachedPolicy"
  },
  "com.amazonaws.iam#certificateListType": {
   "list": "com.amazonaws.iam#SigningCertificate"
  },
  "com.amazonaws.iam#groupDetailListType": {
   "list": "com.amazonaws.iam#GroupDetail"
  },
  "com.amazonaws.iam#groupNameListType": {
   "list": "com.amazonaws.iam#groupNameType"
  },
  "com.amazonaws.iam#instanceProfileListType": {
   "list": "com.amazonaws.iam#InstanceProfile"
  },
  "com.amazonaws.iam#mfaDeviceListType": {
   "list": "com.amazonaws.iam#MFADevice"
  },
  "com.amazonaws.iam#policyDetailListType": {
   "list": "com.amazonaws.iam#PolicyDetail"
  },
  "com.amazonaws.iam#policyDocumentVersionListType": {
   "list": "com.amazonaws.iam#PolicyVersion"
  },
  "com.amazonaws.iam#policyListType": {
   "list": "com.amazonaws.iam#Policy"
  },
  "com.amazonaws.iam#policyNameListType": {
   "list": "com.amazonaws.iam#policyNameType"
  },
  "com.amazonaws.iam#roleDetailListType": {
   "list": "com.amazonaws.iam#RoleDetail"
  },
  "com.amazonaws.iam#roleListType": {
   "list": "com.amazonaws.iam#Role"
  },
  "com.amazonaws.iam#tagListType": {
   "list": "com.amazonaws.iam#Tag"
  },
  "com.amazonaws.iam#userDetailListType": {
   "list": "com.amazonaws.iam#UserDetail"
  },
  "com.amazonaws.iam#userListType": {
   "list": "com.amazonaws.iam#User"
  },
  "com.amazonaws.iam#virtualMFADeviceListType": {
   "list": "com.amazonaws.iam#VirtualMFADevice"
  },
  "com.amazonaws.route53#AccountLimit": {
   "structure": {
    "Type": [
     "com.amazonaws.route53#AccountLimitType",
     true
    ],
    "Value": [
     "com.amazonaws.route53#LimitValue",
     true
    ]
   }
  },
  "com.amazonaws.route53#AliasTarget": {
   "structure": {
    "HostedZoneId": [
     "com.amazonaws.route53#ResourceId",
     true
    ],
    "DNSName": [
     "com.amazonaws.route53#DNSName",
     true
    ],
    "EvaluateTargetHealth": [
     "com.amazonaws.route53#AliasHealthEnabled",
     true
    ]
   }
  },
  "com.amazonaws.route53#ChangeInfo": {
   "structure": {
    "Id": [
     "com.amazonaws.route53#ResourceId",
     true
    ],
    "Status": [
     "com.amazonaws.route53#ChangeStatus",
     true
    ],
    "SubmittedAt": [
     "com.amazonaws.route53#TimeStamp",
     true
    ],
    "Comment": [
     "com.amazonaws.route53#ResourceDescription",
     false
    ]
   }
  },
  "com.amazonaws.route53#ChangeResourceRecordSetsResponse": {
   "structure": {
    "ChangeInfo": [
     "com.amazonaws.route53#ChangeInfo",
     true
    ]
   }
  },
  "com.amazonaws.route53#ChangeTagsForResourceResponse": {
   "structure": {}
  },
  "com.amazonaws.route53#CidrRoutingConfig": {
   "structure": {
    "CollectionId": [
     "com.amazonaws.route53#UUID",
     true
    ],
    "LocationName": [
     "com.amazonaws.route53#CidrLocationNameDefaultAllowed",
     true
    ]
   }
  },
  "com.amazonaws.route53#Coordinates": {
   "structure": {
    "Latitude": [
     "com.amazonaws.route53#Latitude",
     true
    ],
    "Longitude": [
     "com.amazonaws.route53#Longitude",
     true
    ]
   }
  },
  "com.amazonaws.route53#CreateHostedZoneResponse": {
   "structure": {
    "HostedZone": [
     "com.amazonaws.route53#HostedZone",
     true
    ],
    "ChangeInfo": [
     "com.amazonaws.route53#ChangeInfo",
     true
    ],
    "DelegationSet": [
     "com.amazonaws.route53#DelegationSet",
     true
    ],
    "VPC": [
     "com.amazonaws.route53#VPC",
     false
    ]
   }
  },
  "com.amazonaws.route53#DelegationSet": {
   "structure": {
    "Id": [
     "com.amazonaws.route53#ResourceId",
     false
    ],
    "CallerReference": [
     "com.amazonaws.route53#Nonce",
     false
    ],
    "NameServers": [
     "com.amazonaws.route53#DelegationSetNameServers",
     true
    ]
   }
  },
  "com.amazonaws.route53#DelegationSetNameServers": {
   "list": "com.amazonaws.route53#DNSName"
  },
  "com.amazonaws.route53#DeleteHostedZoneResponse": {
   "structure": {
    "ChangeInfo": [
     "com.amazonaws.route53#ChangeInfo",
     true
    ]
   }
  },
  "com.amazonaws.route53#GeoLocation": {
   "structure": {
    "ContinentCode": [
     "com.amazonaws.route53#GeoLocationContinentCode",
     false
    ],
    "CountryCode": [
     "com.amazonaws.route53#GeoLocationCountryCode",
     false
    ],
    "SubdivisionCode": [
     "com.amazonaws.route53#GeoLocationSubdivisionCode",
     false
    ]
   }
  },
  "com.amazonaws.route53#GeoProximityLocation": {
   "structure": {
    "AWSRegion": [
     "com.amazonaws.route53#AWSRegion",
     false
    ],
    "LocalZoneGroup": [
     "com.amazonaws.route53#LocalZoneGroup",
     false
    ],
    "Coordinates": [
     "com.amazonaws.route53#Coordinates",
     false
    ],
    "Bias": [
     "com.amazonaws.route53#Bias",
     false
    ]
   }
  },
  "com.amazonaws.route53#GetAccountLimitResponse": {
   "structure": {
    "Limit": [
     "com.amazonaws.route53#AccountLimit",
     true
    ],
    "Count": [
     "com.amazonaws.route53#UsageCount",
     true
    ]
   }
  },
  "com.amazonaws.route53#GetChangeResponse": {
   "structure": {
    "ChangeInfo": [
     "com.amazonaws.route53#ChangeInfo",
     true
    ]
   }
  },
  "com.amazonaws.route53#GetHostedZoneResponse": {
   "structure": {
    "HostedZone": [
     "com.amazonaws.route53#HostedZone",
     true
    ],
    "DelegationSet": [
     "com.amazonaws.route53#DelegationSet",
     false
    ],
    "VPCs": [
     "com.amazonaws.route53#VPCs",
     false
    ]
   }
  },
  "com.amazonaws.route53#HostedZone": {
   "structure": {
    "Id": [
     "com.amazonaws.route53#ResourceId",
     true
    ],
    "Name": [
     "com.amazonaws.route53#DNSName",
     true
    ],
    "CallerReference": [
     "com.amazonaws.route53#Nonce",
     true
    ],
    "Config": [
     "com.amazonaws.route53#HostedZoneConfig",
     false
    ],
    "ResourceRecordSetCount": [
     "com.amazonaws.route53#HostedZoneRRSetCount",
     false
    ],
    "LinkedService": [
     "com.amazonaws.route53#LinkedService",
     false
    ]
   }
  },
  "com.amazonaws.route53#HostedZoneConfig": {
   "structure": {
    "Comment": [
     "com.amazonaws.route53#ResourceDescription",
     false
    ],
    "PrivateZone": [
     "com.amazonaws.route53#IsPrivateZone",
     false
    ]
   }
  },
  "com.amazonaws.route53#HostedZones": {
   "list": "com.amazonaws.route53#HostedZone"
  },
  "com.amazonaws.route53#LinkedService": {
   "structure": {
    "ServicePrincipal": [
     "com.amazonaws.route53#ServicePrincipal",
     false
    ],
    "Description": [
     "com.amazonaws.route53#ResourceDescription",
     false
    ]
   }
  },
  "com.amazonaws.route53#ListHostedZonesByNameResponse": {
   "structure": {
    "HostedZones": [
     "com.amazonaws.route53#HostedZones",
     true
    ],
    "DNSName": [
     "com.amazonaws.route53#DNSName",
     false
    ],
    "HostedZoneId": [
     "com.amazonaws.route53#ResourceId",
     false
    ],
    "IsTruncated": [
     "com.amazonaws.route53#PageTruncated",
     true
    ],
    "NextDNSName": [
     "com.amazonaws.route53#DNSName",
     false
    ],
    "NextHostedZoneId": [
     "com.amazonaws.route53#ResourceId",
     false
    ],
    "MaxItems": [
     "smithy.api#Integer",
     true
    ]
   }
  },
  "com.amazonaws.route53#ListHostedZonesResponse": {
   "structure": {
    "HostedZones": [
     "com.amazonaws.route53#HostedZones",
     true
    ],
    "Marker": [
     "com.amazonaws.route53#PageMarker",
     true
    ],
    "IsTruncated": [
     "com.amazonaws.route53#PageTruncated",
     true
    ],
    "NextMarker": [
     "com.amazonaws.route53#PageMarker",
     false
    ],
    "MaxItems": [
     "smithy.api#Integer",
     true
    ]
   }
  },
  "com.amazonaws.route53#ListResourceRecordSetsResponse": {
   "structure": {
    "ResourceRecordSets": [
     "com.amazonaws.route53#ResourceRecordSets",
     true
    ],
    "IsTruncated": [
     "com.amazonaws.route53#PageTruncated",
     true
    ],
    "NextRecordName": [
     "com.amazonaws.route53#DNSName",
     false
    ],
    "NextRecordType": [
     "com.amazonaws.route53#RRType",
     false
    ],
    "NextRecordIdentifier": [
     "com.amazonaws.route53#ResourceRecordSetIdentifier",
     false
    ],
    "MaxItems": [
     "smithy.api#Integer",
     true
    ]
   }
  },
  "com.amazonaws.route53#ListTagsForResourceResponse": {
   "structure": {
    "ResourceTagSet": [
     "com.amazonaws.route53#ResourceTagSet",
     true
    ]
   }
  },
  "com.amazonaws.route53#ListTagsForResourcesResponse": {
   "structure": {
    "ResourceTagSets": [
     "com.amazonaws.route53#ResourceTagSetList",
     true
    ]
   }
  },
  "com.amazonaws.route53#ResourceRecord": {
   "structure": {
    "Value": [
     "com.amazonaws.route53#RData",
     true
    ]
   }
  },
  "com.amazonaws.route53#ResourceRecordSet": {
   "structure": {
    "Name": [
     "com.amazonaws.route53#DNSName",
     true
    ],
    "Type": [
     "com.amazonaws.route53#RRType",
     true
    ],
    "SetIdentifier": [
     "com.amazonaws.route53#ResourceRecordSetIdentifier",
     false
    ],
    "Weight": [
     "com.amazonaws.route53#ResourceRecordSetWeight",
     false
    ],
    "Region": [
     "com.amazonaws.route53#ResourceRecordSetRegion",
     false
    ],
    "GeoLocation": [
     "com.amazonaws.route53#GeoLocation",
     false
    ],
    "Failover": [
     "com.amazonaws.route53#ResourceRecordSetFailover",
     false
    ],
    "MultiValueAnswer": [
     "com.amazonaws.route53#ResourceRecordSetMultiValueAnswer",
     false
    ],
    "TTL": [
     "com.amazonaws.route53#TTL",
     false
    ],
    "ResourceRecords": [
     "com.amazonaws.route53#ResourceRecords",
     false
    ],
    "AliasTarget": [
     "com.amazonaws.route53#AliasTarget",
     false
    ],
    "HealthCheckId": [
     "com.amazonaws.route53#HealthCheckId",
     false
    ],
    "TrafficPolicyInstanceId": [
     "com.amazonaws.route53#TrafficPolicyInstanceId",
     false
    ],
    "CidrRoutingConfig": [
     "com.amazonaws.route53#CidrRoutingConfig",
     false
    ],
    "GeoProximityLocation": [
     "com.amazonaws.route53#GeoProximityLocation",
     false
    ]
   }
  },
  "com.amazonaws.route53#ResourceRecordSets": {
   "list": "com.amazonaws.route53#ResourceRecordSet"
  },
  "com.amazonaws.route53#ResourceRecords": {
   "list": "com.amazonaws.route53#ResourceRecord"
  },
  "com.amazonaws.route53#ResourceTagSet": {
   "structure": {
    "ResourceType": [
     "com.amazonaws.route53#TagResourceType",
     false
    ],
    "ResourceId": [
     "com.amazonaws.route53#TagResourceId",
     false
    ],
    "Tags": [
     "com.amazonaws.route53#TagList",
     false
    ]
   }
  },
  "com.amazonaws.route53#ResourceTagSetList": {
   "list": "com.amazonaws.route53#ResourceTagSet"
  },
  "com.amazonaws.route53#Tag": {
   "structure": {
    "Key": [
     "com.amazonaws.route53#TagKey",
     false
    ],
    "Value": [
     "com.amazonaws.route53#TagValue",
     false
    ]
   }
  },
  "com.amazonaws.route53#TagList": {
   "list": "com.amazonaws.route53#Tag"
  },
  "com.amazonaws.route53#UpdateHostedZoneCommentResponse": {
   "structure": {
    "HostedZone": [
     "com.amazonaws.route53#HostedZone",
     true
    ]
   }
  },
  "com.amazonaws.route53#VPC": {
   "structure": {
    "VPCRegion": [
     "com.amazonaws.route53#VPCRegion",
     false
    ],
    "VPCId": [
     "com.amazonaws.route53#VPCId",
     false
    ]
   }
  },
  "com.amazonaws.route53#VPCs": {
   "list": "com.amazonaws.route53#VPC"
  }
 }
};
