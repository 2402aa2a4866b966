import {
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type Workflow,
} from 'n8n-workflow';

type StoredCredential = { type: ICredentialType; data: ICredentialDataDecryptedObject };

/**
 * The part of n8n's CLI CredentialsHelper that node execution needs: decrypted data by type,
 * generic `authenticate` with `={{$credentials.x}}` expressions, and `preAuthentication`
 * with a persisted expirable field. Written for these tests; n8n's own helper is not published.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	private readonly stored = new Map<string, StoredCredential>();

	/** Every `preAuthentication` run, for assertions on token reuse. */
	readonly preAuthenticationRuns: string[] = [];

	/** Every read of a credential's data by type (n8n reads it from its database each time). */
	readonly reads: string[] = [];

	constructor(credentials: Array<{ type: ICredentialType; data: ICredentialDataDecryptedObject }>) {
		super();
		for (const credential of credentials) {
			this.stored.set(credential.type.name, {
				type: credential.type,
				data: { ...credential.data },
			});
		}
	}

	getParentTypes(name: string): string[] {
		return this.stored.get(name)?.type.extends ?? [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.require(typeName).type;
		const options = requestOptions as IHttpRequestOptions;
		const authenticate = type.authenticate;
		if (authenticate === undefined) return options;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		const resolve = (value: unknown) =>
			typeof value === 'string' && value.startsWith('=') && workflow && node
				? workflow.expression.getSimpleParameterValue(node, value, 'internal', {
						$credentials: credentials,
					} as never)
				: value;
		const headers = authenticate.properties.headers ?? {};
		for (const [name, value] of Object.entries(headers)) {
			options.headers = { ...(options.headers ?? {}), [name]: resolve(value) as string };
		}
		const qs = authenticate.properties.qs ?? {};
		for (const [name, value] of Object.entries(qs)) {
			options.qs = { ...(options.qs ?? {}), [name]: resolve(value) as string };
		}
		if (authenticate.properties.auth) {
			options.auth = {
				username: resolve(authenticate.properties.auth.username) as string,
				password: resolve(authenticate.properties.auth.password) as string,
			};
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const { type, data } = this.require(typeName);
		if (!type.preAuthentication) return undefined;
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable);
		if (!expirable) return undefined;
		if (!credentialsExpired && credentials[expirable.name]) return undefined;
		this.preAuthenticationRuns.push(typeName);
		const output = (await type.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
		Object.assign(data, output);
		return { ...credentials, ...output };
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.require(typeName).type;
		if (!type.preAuthentication) return undefined;
		return (await type.preAuthentication.call(
			helpers,
			credentials,
		)) as ICredentialDataDecryptedObject;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('getCredentials is not used by these tests');
	}

	async getDecrypted(
		_additionalData: unknown,
		_details: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		this.reads.push(type);
		return { ...this.require(type).data };
	}

	async updateCredentials(
		_details: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.require(type).data = { ...data };
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.require(type).type.properties;
	}

	private require(typeName: string): StoredCredential {
		const stored = this.stored.get(typeName);
		if (!stored) throw new Error(`No test credential of type ${typeName}`);
		return stored;
	}
}
