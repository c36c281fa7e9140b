// Generated from the official Smithy models by test/emulators/aws/lean-responses.test.ts
// (UPDATE_LEAN_TABLE=1 npx vitest run test/emulators/aws/lean-responses.test.ts). Do not edit by hand.
import type { LeanTable } from './lean-model.js';

export const LEAN_TABLE: LeanTable = {
 "outputs": {
  "iam:CreateAccessKey": "com.amazonaws.iam#CreateAccessKeyResponse",
  "iam:CreatePolicy": "com.amazonaws.iam#CreatePolicyResponse",
  "iam:CreatePolicyVersion": "com.amazonaws.iam#CreatePolicyVersionResponse",
  "iam:CreateUser": "com.amazonaws.iam#CreateUserResponse",
  "iam:GetAccessKeyLastUsed": "com.amazonaws.iam#GetAccessKeyLastUsedResponse",
  "iam:GetAccountAuthorizationDetails": "com.amazonaws.iam#GetAccountAuthorizationDetailsResponse",
  "iam:GetPolicy": "com.amazonaws.iam#GetPolicyResponse",
  "iam:GetPolicyVersion": "com.amazonaws.iam#GetPolicyVersionResponse",
  "iam:GetUser": "com.amazonaws.iam#GetUserResponse",
  "iam:GetUserPolicy": "com.amazonaws.iam#GetUserPolicyResponse",
  "iam:ListAccessKeys": "com.amazonaws.iam#ListAccessKeysResponse",
  "iam:ListAttachedUserPolicies": "com.amazonaws.iam#ListAttachedUserPoliciesResponse",
  "iam:ListPolicies": "com.amazonaws.iam#ListPoliciesResponse",
  "iam:ListPolicyVersions": "com.amazonaws.iam#ListPolicyVersionsResponse",
  "iam:ListUserPolicies": "com.amazonaws.iam#ListUserPoliciesResponse",
  "iam:ListUserTags": "com.amazonaws.iam#ListUserTagsResponse",
  "iam:ListUsers": "com.amazonaws.iam#ListUsersResponse",
  "route53:ChangeResourceRecordSets": "com.amazonaws.route53#ChangeResourceRecordSetsResponse",
  "route53:ChangeTagsForResource": "com.amazonaws.route53#ChangeTagsForResourceResponse",
  "route53:CreateHostedZone": "com.amazonaws.route53#CreateHostedZoneResponse",
  "route53:DeleteHostedZone": "com.amazonaws.route53#DeleteHostedZoneResponse",
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
  "iam:ListPolicies": "Marker",
  "iam:ListPolicyVersions": "Marker",
  "iam:ListUserPolicies": "Marker",
  "iam:ListUserTags": "Marker",
  "iam:ListUsers": "Marker",
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
  "com.amazonaws.iam#CreateUserResponse": {
   "structure": {
    "User": [
     "com.amazonaws.iam#User",
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
  "com.amazonaws.iam#accessKeyMetadataListType": {
   "list": "com.amazonaws.iam#AccessKeyMetadata"
  },
  "com.amazonaws.iam#attachedPoliciesListType": {
   "list": "com.amazonaws.iam#AttachedPolicy"
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
