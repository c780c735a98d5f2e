'use strict';

/**
 * The rest of the element catalog: enough real SaaS names that paging and
 * searching GET /elements matter. Each is a small generated element with the
 * configuration its authentication type implies plus its own fields. Element
 * ids are the research notes' where they give one (sfdc 23, hubspotcrm 168, …),
 * otherwise made up. QuickBooks (39) is written out in elements.js.
 *
 * Two are odd on purpose, for tests:
 * - `hackernews` has no required visible field: `{}` provisions it.
 * - `netsuitecrmv2` has incomplete metadata: the platform also demands
 *   `netsuite.accountId`, which its configuration list leaves out, so only a
 *   configuration written by hand (JSON) can provision it.
 */
const { field, baseUrl, oauthApp, oauthTokens, eventFields, summary, defineElement } = require('./metadata');

/** The fields, `authentication.type` and grant each kind of authentication brings. */
const AUTHENTICATIONS = {
	oauth2: { type: 'oauth2', grant: 'code', fields: () => [...oauthApp(), ...oauthTokens()] },
	// No user consent, so no authorization page (typeOauth false) and no providerData.code.
	clientCredentials: {
		type: 'oauth2',
		typeOauth: false,
		grant: 'clientCredentials',
		fields: () => [
			required('oauth.api.key', 'Client ID'),
			required('oauth.api.secret', 'Client Secret', 'PASSWORD'),
			...oauthTokens(),
		],
	},
	apiKey: { type: 'apiKey', fields: () => [required('api.key', 'API Key', 'PASSWORD')] },
	basic: { type: 'basic', fields: () => [required('username', 'Username'), required('password', 'Password', 'PASSWORD')] },
	custom: { type: 'custom', fields: () => [] },
};

function required(key, name, type = 'TEXTFIELD_128') {
	return field(key, name, type, { required: true });
}

function optional(key, name, type, defaultValue) {
	return field(key, name, type, { defaultValue });
}

/** Demanded by the platform but missing from the element's metadata (see above). */
const UNDECLARED = { netsuitecrmv2: ['netsuite.accountId'] };

function generate(id, key, name, hub, kind, url, own = []) {
	const authentication = AUTHENTICATIONS[kind];
	return defineElement({
		summary: summary({ id, key, name, hub, authentication: authentication.type, typeOauth: authentication.typeOauth }),
		fields: [...authentication.fields(), ...own, baseUrl(url), ...eventFields('polling')],
		auth: { [authentication.type]: authentication.grant ? { grant: authentication.grant } : {} },
		undeclared: UNDECLARED[key],
	});
}

// generate(id, key, name, hub, authentication, base URL, fields of its own)
const generated = [
	generate(23, 'sfdc', 'Salesforce Sales Cloud', 'crm', 'oauth2', 'https://login.salesforce.com'),
	generate(168, 'hubspotcrm', 'HubSpot CRM', 'crm', 'oauth2', 'https://api.hubapi.com'),
	generate(1372, 'dynamicscrmadfs', 'Microsoft Dynamics CRM', 'crm', 'custom', 'https://dynamics.microsoft.com', [
		required('user.username', 'Username'),
		required('user.password', 'Password', 'PASSWORD'),
		required('dynamics.tenant', 'Dynamics Tenant URL', 'TEXTFIELD_1000'),
	]),
	generate(3943, 'zohocrmv2', 'Zoho CRM', 'crm', 'oauth2', 'https://www.zohoapis.com/crm/v2'),
	generate(4371, 'pipedrive', 'Pipedrive', 'crm', 'apiKey', 'https://api.pipedrive.com/v1'),
	generate(1361, 'insightly', 'Insightly', 'crm', 'apiKey', 'https://api.insightly.com/v3.1'),
	generate(1348, 'closeio', 'Close.io', 'crm', 'apiKey', 'https://app.close.io/api/v1'),
	generate(1405, 'sugarcrmv2', 'SugarCRM', 'crm', 'custom', 'https://sugarcrm.com/rest/v10', [
		required('user.username', 'Username'),
		required('user.password', 'Password', 'PASSWORD'),
		required('sugarcrm.site.url', 'Site URL', 'TEXTFIELD_1000'),
	]),
	generate(4532, 'freshsalesv2', 'Freshsales', 'crm', 'custom', 'https://domain.freshsales.io/api', [
		required('freshsales.api.key', 'API Key', 'PASSWORD'),
		required('freshsales.domain', 'Domain'),
	]),
	generate(3974, 'copper', 'Copper', 'crm', 'custom', 'https://api.prosperworks.com/developer_api/v1', [
		required('api.key', 'API Key', 'PASSWORD'),
		required('user.email', 'User Email'),
	]),
	generate(1382, 'netsuitecrmv2', 'NetSuite CRM', 'crm', 'custom', 'https://webservices.netsuite.com', [
		required('user.username', 'Email'),
		required('user.password', 'Password', 'PASSWORD'),
		required('netsuite.appId', 'Application ID'),
	]),
	generate(41, 'zendesk', 'Zendesk', 'helpdesk', 'oauth2', 'https://subdomain.zendesk.com/api/v2', [
		required('zendesk.subdomain', 'Subdomain'),
	]),
	generate(1324, 'freshdeskv2', 'Freshdesk', 'helpdesk', 'custom', 'https://domain.freshdesk.com/api/v2', [
		required('username', 'API Key', 'PASSWORD'),
		required('freshdesk.subdomain', 'Subdomain'),
	]),
	generate(47, 'servicenow', 'ServiceNow', 'helpdesk', 'basic', 'https://instance.service-now.com/api/now', [
		required('servicenow.subdomain', 'Instance Name'),
	]),
	generate(50, 'jira', 'Jira', 'helpdesk', 'basic', 'https://jira.atlassian.com/rest/api/2', [
		required('jira.site.address', 'Site Address', 'TEXTFIELD_1000'),
	]),
	generate(4440, 'zohodesk', 'Zoho Desk', 'helpdesk', 'oauth2', 'https://desk.zoho.com/api/v1'),
	generate(1406, 'helpscout', 'Help Scout', 'helpdesk', 'oauth2', 'https://api.helpscout.net/v2'),
	generate(1347, 'intercom', 'Intercom', 'helpdesk', 'oauth2', 'https://api.intercom.io'),
	generate(22, 'box', 'Box', 'documents', 'oauth2', 'https://api.box.com/2.0'),
	generate(20, 'dropbox', 'Dropbox', 'documents', 'oauth2', 'https://api.dropboxapi.com/2'),
	generate(21, 'googledrive', 'Google Drive', 'documents', 'oauth2', 'https://www.googleapis.com/drive/v3'),
	generate(4265, 'onedrivev2', 'Microsoft OneDrive', 'documents', 'oauth2', 'https://graph.microsoft.com/v1.0'),
	generate(142, 'sharepoint', 'Microsoft SharePoint', 'documents', 'oauth2', 'https://tenant.sharepoint.com/_api', [
		required('sharepoint.site.address', 'Site Address', 'TEXTFIELD_1000'),
	]),
	generate(58, 'amazons3', 'Amazon S3', 'documents', 'custom', 'https://s3.amazonaws.com', [
		required('aws.api.key', 'Access Key ID'),
		required('aws.api.secret', 'Secret Access Key', 'PASSWORD'),
		required('aws.region', 'Region', 'TEXTFIELD_32'),
	]),
	generate(1364, 'egnyte', 'Egnyte', 'documents', 'oauth2', 'https://domain.egnyte.com/pubapi/v1'),
	generate(4346, 'googlesheets', 'Google Sheets', 'documents', 'oauth2', 'https://sheets.googleapis.com/v4'),
	generate(1370, 'twilio', 'Twilio', 'messaging', 'basic', 'https://api.twilio.com/2010-04-01'),
	generate(3942, 'slack', 'Slack', 'messaging', 'oauth2', 'https://slack.com/api'),
	generate(1368, 'gmail', 'Gmail', 'messaging', 'oauth2', 'https://www.googleapis.com/gmail/v1'),
	generate(4269, 'outlookemail', 'Microsoft Outlook Email', 'messaging', 'oauth2', 'https://graph.microsoft.com/v1.0'),
	generate(4396, 'sendgrid', 'SendGrid', 'messaging', 'apiKey', 'https://api.sendgrid.com/v3'),
	generate(1353, 'xero', 'Xero', 'finance', 'oauth2', 'https://api.xero.com/api.xro/2.0'),
	generate(5310, 'sageaccounting', 'Sage Business Cloud Accounting', 'finance', 'oauth2', 'https://api.accounting.sage.com/v3.1'),
	generate(3976, 'freshbooksv2', 'FreshBooks', 'finance', 'oauth2', 'https://api.freshbooks.com'),
	generate(4379, 'zohobooks', 'Zoho Books', 'finance', 'oauth2', 'https://books.zoho.com/api/v3', [
		required('zohobooks.organization.id', 'Organization ID'),
	]),
	generate(1334, 'intacct', 'Sage Intacct', 'finance', 'custom', 'https://api.intacct.com/ia/xml/xmlgw.phtml', [
		required('user.username', 'User ID'),
		required('user.password', 'User Password', 'PASSWORD'),
		required('company.id', 'Company ID'),
		required('sender.id', 'Sender ID'),
		required('sender.password', 'Sender Password', 'PASSWORD'),
	]),
	generate(4388, 'zuora', 'Zuora', 'finance', 'custom', 'https://rest.zuora.com/v1', [
		required('zuora.username', 'Username'),
		required('zuora.password', 'Password', 'PASSWORD'),
	]),
	generate(1349, 'shopify', 'Shopify', 'ecommerce', 'oauth2', 'https://store.myshopify.com/admin', [
		required('store.url', 'Store URL', 'TEXTFIELD_1000'),
	]),
	generate(3939, 'magentov20', 'Magento 2.0', 'ecommerce', 'custom', 'https://store.example/rest/V1', [
		required('username', 'Username'),
		required('password', 'Password', 'PASSWORD'),
		required('magento.site.address', 'Site Address', 'TEXTFIELD_1000'),
	]),
	generate(1358, 'bigcommerce', 'BigCommerce', 'ecommerce', 'custom', 'https://api.bigcommerce.com/stores', [
		required('bigcommerce.store.hash', 'Store Hash', 'TEXTFIELD_64'),
		required('bigcommerce.client.id', 'Client ID'),
		required('bigcommerce.access.token', 'Access Token', 'PASSWORD'),
	]),
	generate(4370, 'woocommercerest', 'WooCommerce', 'ecommerce', 'basic', 'https://store.example/wp-json/wc/v2', [
		required('woocommerce.store.url', 'Store URL', 'TEXTFIELD_1000'),
	]),
	generate(1355, 'stripe', 'Stripe', 'payment', 'apiKey', 'https://api.stripe.com/v1'),
	generate(1378, 'braintree', 'Braintree', 'payment', 'custom', 'https://api.braintreegateway.com', [
		required('braintree.merchant.id', 'Merchant ID', 'TEXTFIELD_64'),
		required('braintree.public.key', 'Public Key', 'TEXTFIELD_64'),
		required('braintree.private.key', 'Private Key', 'PASSWORD'),
		optional('braintree.sandbox', 'Sandbox', 'BOOLEAN', 'false'),
	]),
	generate(4377, 'paypalv2', 'PayPal', 'payment', 'clientCredentials', 'https://api.paypal.com/v1', [
		optional('paypal.sandbox', 'Sandbox', 'BOOLEAN', 'false'),
	]),
	generate(4264, 'square', 'Square', 'payment', 'oauth2', 'https://connect.squareup.com/v2'),
	generate(1367, 'authorizenet', 'Authorize.Net', 'payment', 'custom', 'https://api.authorize.net/xml/v1', [
		required('authorizenet.login.id', 'API Login ID', 'TEXTFIELD_64'),
		required('authorizenet.transaction.key', 'Transaction Key', 'PASSWORD'),
	]),
	generate(
		192,
		'infusionsoftmarketing',
		'Infusionsoft Marketing',
		'marketing',
		'oauth2',
		'https://api.infusionsoft.com/crm/rest/v1',
		[required('infusionsoft.server', 'Server'), required('infusionsoft.private.key', 'Private Key', 'PASSWORD')],
	),
	generate(3929, 'constantcontact', 'Constant Contact', 'marketing', 'oauth2', 'https://api.constantcontact.com/v2'),
	generate(45, 'acton', 'Act-On', 'marketing', 'oauth2', 'https://restapi.actonsoftware.com/api/1'),
	generate(
		1357,
		'salesforcemarketingcloud',
		'Salesforce Marketing Cloud',
		'marketing',
		'custom',
		'https://www.exacttargetapis.com',
		[required('clientId', 'Client ID'), required('clientSecret', 'Client Secret', 'PASSWORD')],
	),
	generate(
		1359,
		'sfdcmarketingcloud',
		'Salesforce Marketing Cloud (Legacy)',
		'marketing',
		'oauth2',
		'https://www.exacttargetapis.com',
	),
	generate(4358, 'brighttalk', 'BrightTALK', 'marketing', 'custom', 'https://api.brighttalk.com/v1', [
		required('brighttalk.api.key', 'API Key'),
		required('brighttalk.api.secret', 'API Secret', 'PASSWORD'),
		optional('brighttalk.isstaging', 'Staging', 'BOOLEAN', 'false'),
	]),
	generate(4366, 'sailthru', 'Sailthru', 'marketing', 'custom', 'https://api.sailthru.com', [
		required('sailthru.api.key', 'API Key'),
		required('sailthru.api.secret', 'API Secret', 'PASSWORD'),
	]),
	generate(4410, 'getresponse', 'GetResponse', 'marketing', 'apiKey', 'https://api.getresponse.com/v3'),
	generate(1350, 'facebooksocial', 'Facebook', 'social', 'oauth2', 'https://graph.facebook.com/v2.12'),
	generate(1351, 'linkedin', 'LinkedIn', 'social', 'oauth2', 'https://api.linkedin.com/v2'),
	generate(4375, 'bamboohr', 'BambooHR', 'humancapital', 'custom', 'https://api.bamboohr.com/api/gateway.php', [
		required('bamboohr.api.key', 'API Key', 'PASSWORD'),
		required('bamboohr.subdomain', 'Subdomain'),
	]),
	generate(1383, 'netsuiteerpv2', 'NetSuite ERP', 'erp', 'custom', 'https://webservices.netsuite.com', [
		required('user.username', 'Email'),
		required('user.password', 'Password', 'PASSWORD'),
		required('netsuite.accountId', 'Account ID'),
		required('netsuite.appId', 'Application ID'),
	]),
	generate(4395, 'docusign', 'DocuSign', 'esignature', 'oauth2', 'https://www.docusign.net/restapi/v2'),
	generate(4403, 'hellosign', 'HelloSign', 'esignature', 'apiKey', 'https://api.hellosign.com/v3'),
	generate(5380, 'hackernews', 'Hacker News', 'general', 'custom', 'https://hacker-news.firebaseio.com/v0', [
		field('hackernews.user', 'User Name', 'TEXTFIELD_64', { description: 'The user whose submissions to read' }),
	]),
];

module.exports = { generated };
