// Generated from the API's OpenAPI document by web/openapi-types.ts; do not edit.
export interface paths {
    "/desk/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in person and the CSRF token the desk sends with every change */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            authenticatedBy: string;
                            csrfToken: string;
                            /** @description the provider policy's first reminder window, in calendar days */
                            dueSoonDays: number;
                            role: string;
                            subject: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The API process is alive */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ok: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** PostgreSQL and Temporal both answer */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ok: boolean;
                            postgres: {
                                detail?: string;
                                ok: boolean;
                            };
                            temporal: {
                                detail?: string;
                                ok: boolean;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ok: boolean;
                            postgres: {
                                detail?: string;
                                ok: boolean;
                            };
                            temporal: {
                                detail?: string;
                                ok: boolean;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An account, its status, restrictions and legal holds */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            closedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            customerId: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            identificationCaseId: string;
                            lastAccessedAt: string | null;
                            openedAt: string | null;
                            restrictions: string[];
                            reviewDueAt: string | null;
                            status: string;
                            statusChangedAt: string | null;
                        } & {
                            legalHolds: {
                                /** Format: uuid */
                                accountId: string;
                                /** Format: uuid */
                                customerId: string;
                                /** Format: uuid */
                                id: string;
                                reason: string;
                                releasedAt: string | null;
                                releasedBy: string | null;
                                /** Format: date-time */
                                setAt: string;
                                setBy: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{id}/accesses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record an access to the account; the record-retention clock runs from the last one */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        accessedAt: string;
                        /** @default access */
                        kind: "access" | "administration";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            closedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: uuid */
                            customerId: string;
                            /** Format: uuid */
                            id: string;
                            /** Format: uuid */
                            identificationCaseId: string;
                            lastAccessedAt: string | null;
                            openedAt: string | null;
                            restrictions: string[];
                            reviewDueAt: string | null;
                            status: string;
                            statusChangedAt: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{id}/closure": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close an account in use (open or monitored): record retention starts from the closure
         * @description Stores the closure, starts the record-retention case (personal data disposed of after the rule set period, unless a legal hold is on) and stops periodic re-verification. 409 for an account still being identified: close it through its case (four-eyes).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        closedAt?: string;
                        /** @description why the provider closes the account (no personal data) */
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            account: {
                                closedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                customerId: string;
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                identificationCaseId: string;
                                lastAccessedAt: string | null;
                                openedAt: string | null;
                                restrictions: string[];
                                reviewDueAt: string | null;
                                status: string;
                                statusChangedAt: string | null;
                            };
                            /** @description the record-retention case (null while it is being opened) */
                            retentionCase: components["schemas"]["Case"] | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{id}/legal-holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a legal hold: the customer's personal data is not disposed of while it is on */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            accountId: string;
                            /** Format: uuid */
                            customerId: string;
                            /** Format: uuid */
                            id: string;
                            reason: string;
                            releasedAt: string | null;
                            releasedBy: string | null;
                            /** Format: date-time */
                            setAt: string;
                            setBy: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{id}/legal-holds/{holdId}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Release a legal hold */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    holdId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            accountId: string;
                            /** Format: uuid */
                            customerId: string;
                            /** Format: uuid */
                            id: string;
                            reason: string;
                            releasedAt: string | null;
                            releasedBy: string | null;
                            /** Format: date-time */
                            setAt: string;
                            setBy: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List cases of every obligation, newest first */
        get: {
            parameters: {
                query: {
                    assignee?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    /** @description cases due at or before this instant */
                    dueBefore?: string;
                    limit: number;
                    /** @description true: only open cases; false: only closed ones */
                    open?: boolean;
                    status?: string;
                    subjectId?: string;
                    subjectType?: string;
                    type?: string;
                    /** @description true: only cases nobody is assigned to */
                    unassigned?: boolean;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["Case"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One case */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignee: string | null;
                            closedAt: string | null;
                            details: {
                                [key: string]: unknown;
                            };
                            dueAt: string | null;
                            /** Format: uuid */
                            id: string;
                            /** Format: date-time */
                            openedAt: string;
                            /** @description Rule set the case was opened under; kept for its whole life */
                            ruleSetId: string;
                            status: string;
                            subject: {
                                id: string;
                                type: string;
                            };
                            /** @description Obligation type, e.g. cip-transmission */
                            type: string;
                            /** Format: date-time */
                            updatedAt: string;
                            workflowId: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{id}/assignment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assign the case to a handler (or unassign it) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description token subject of the handler, or null to unassign */
                        assignee: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignee: string | null;
                            closedAt: string | null;
                            details: {
                                [key: string]: unknown;
                            };
                            dueAt: string | null;
                            /** Format: uuid */
                            id: string;
                            /** Format: date-time */
                            openedAt: string;
                            /** @description Rule set the case was opened under; kept for its whole life */
                            ruleSetId: string;
                            status: string;
                            subject: {
                                id: string;
                                type: string;
                            };
                            /** @description Obligation type, e.g. cip-transmission */
                            type: string;
                            /** Format: date-time */
                            updatedAt: string;
                            workflowId: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{id}/decisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decide on a case: routed to the case workflow's Update; refused with 409 when the case is not in a state that accepts it
         * @description Send an Idempotency-Key header to make a retry safe: the same key returns the first answer. A refused decision changes nothing: 409 when the case is not in a state that takes it, 400 naming the field when it is malformed, 403 when the four-eyes rule forbids it.
         *
         *     Decisions by case type:
         *     - cip-transmission: transmit, withdraw
         *     - customer-identification: open, open-interim, monitor, corrective-measures, refuse, close, approve, reject
         *     - interim-account-review: lift-restrictions, monitor, close, approve, reject, corrective-measures
         *     - beneficial-owner-reverification: re-verified, stop
         *     - record-retention: (none: legal holds are set on the account)
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description what the handler decides; each case type lists its own */
                        decision: string;
                        /** @description decision-specific IDs and facts */
                        params?: {
                            [key: string]: unknown;
                        };
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            acceptedAt: string;
                            caseId: string;
                            decision: string;
                            status: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cases/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The case's append-only history, oldest first */
        get: {
            parameters: {
                query: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["CaseEvent"][];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/cip-transmission-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record Commerce's request for a CIP; opens a case due by the rule set's transmission deadline */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description whose CIP Commerce requested: the provider's own or a foreign reseller's */
                        cipOwner: {
                            /** @enum {string} */
                            type: "provider";
                        } | {
                            resellerId: string;
                            /** @enum {string} */
                            type: "foreign-reseller";
                        };
                        /**
                         * Format: date-time
                         * @description when the provider received the request; the clock starts here
                         */
                        receivedAt: string;
                        /**
                         * @description Commerce's reference for the request; one case per reference
                         * @example BIS-CIP-2026-0042
                         */
                        requestReference: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            assignee: string | null;
                            closedAt: string | null;
                            details: {
                                [key: string]: unknown;
                            };
                            dueAt: string | null;
                            /** Format: uuid */
                            id: string;
                            /** Format: date-time */
                            openedAt: string;
                            /** @description Rule set the case was opened under; kept for its whole life */
                            ruleSetId: string;
                            status: string;
                            subject: {
                                id: string;
                                type: string;
                            };
                            /** @description Obligation type, e.g. cip-transmission */
                            type: string;
                            /** Format: date-time */
                            updatedAt: string;
                            workflowId: string;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            caseId: string;
                            /** @enum {string} */
                            status: "starting";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List customers, newest first (no personal data) */
        get: {
            parameters: {
                query: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    externalReference?: string;
                    limit: number;
                    trackingRequired?: boolean;
                    usPersonStatus?: "us" | "foreign" | "unknown";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                classifiedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                externalReference: string;
                                /** Format: uuid */
                                id: string;
                                kind: string;
                                personalDataDisposedAt: string | null;
                                trackingRequired: boolean;
                                usPersonStatus: string;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * A prospective customer's application: stores the customer, its beneficial owners and a pending account, and opens its identification case
         * @description Idempotent on externalReference: a repeat answers 200 with the customer and case of the first application (and starts its workflow if a crash left it unstarted). 202 when the case is not recorded yet (GET /v1/cases/{caseId} later).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description the account applied for (no options yet)
                         * @default {}
                         */
                        account: Record<string, never>;
                        address?: {
                            city?: string;
                            /** @description ISO 3166-1 alpha-2 */
                            country: string;
                            lines: string[];
                            postalCode?: string;
                            region?: string;
                        };
                        /** @default [] */
                        beneficialOwners: {
                            address?: {
                                city?: string;
                                /** @description ISO 3166-1 alpha-2 */
                                country: string;
                                lines: string[];
                                postalCode?: string;
                                region?: string;
                            };
                            /** Format: email */
                            email?: string;
                            ipAccesses?: {
                                /** Format: date-time */
                                accessedAt: string;
                                /** @description IPv4 or IPv6 address */
                                ip: string;
                                /** @default access */
                                kind: "access" | "administration";
                            }[];
                            /**
                             * @description a beneficial owner is an individual
                             * @default individual
                             * @enum {string}
                             */
                            kind: "individual";
                            /** @description located in the United States; absent or null: not known */
                            locatedInUnitedStates?: boolean | null;
                            name?: string;
                            /** @description direct share of the customer's ownership interests, in percent (up to 6 decimals) */
                            ownershipPercent?: number | string;
                            paymentMethods?: {
                                /** @description card, account or wallet identifier */
                                identifier: string;
                                /** @description source of the funds */
                                source?: string;
                                type: "card" | "bank-account" | "wallet" | "other";
                            }[];
                            substantialControl?: {
                                /** @description why the individual exercises substantial control */
                                reason: string;
                            };
                            telephone?: string;
                            /** @description a U.S. citizen; absent or null: not known */
                            usCitizen?: boolean | null;
                            /** @description a lawful permanent resident of the United States; absent or null: not known */
                            usLawfulPermanentResident?: boolean | null;
                        }[];
                        /** Format: email */
                        email?: string;
                        /** @description the provider's own customer id; repeating an application with it returns the first one */
                        externalReference: string;
                        /** @description a foreign branch of an entity organized under U.S. law; absent or null: not known */
                        foreignBranchOfUsEntity?: boolean | null;
                        ipAccesses?: {
                            /** Format: date-time */
                            accessedAt: string;
                            /** @description IPv4 or IPv6 address */
                            ip: string;
                            /** @default access */
                            kind: "access" | "administration";
                        }[];
                        kind: "individual" | "entity";
                        /** @description located in the United States; absent or null: not known */
                        locatedInUnitedStates?: boolean | null;
                        name?: string;
                        /** @description organized under the laws of the United States or a U.S. jurisdiction; absent or null: not known */
                        organizedUnderUsLaw?: boolean | null;
                        paymentMethods?: {
                            /** @description card, account or wallet identifier */
                            identifier: string;
                            /** @description source of the funds */
                            source?: string;
                            type: "card" | "bank-account" | "wallet" | "other";
                        }[];
                        telephone?: string;
                        /** @description a U.S. citizen; absent or null: not known */
                        usCitizen?: boolean | null;
                        /** @description a lawful permanent resident of the United States; absent or null: not known */
                        usLawfulPermanentResident?: boolean | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            accountId: string;
                            case: components["schemas"]["Case"] | null;
                            /**
                             * Format: uuid
                             * @description the identification case (its row appears once the workflow has run)
                             */
                            caseId: string;
                            customer: {
                                accounts: {
                                    closedAt: string | null;
                                    /** Format: date-time */
                                    createdAt: string;
                                    /** Format: uuid */
                                    customerId: string;
                                    /** Format: uuid */
                                    id: string;
                                    /** Format: uuid */
                                    identificationCaseId: string;
                                    lastAccessedAt: string | null;
                                    openedAt: string | null;
                                    restrictions: string[];
                                    reviewDueAt: string | null;
                                    status: string;
                                    statusChangedAt: string | null;
                                }[];
                                classifiedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                externalReference: string;
                                /** Format: uuid */
                                id: string;
                                kind: string;
                                parties: {
                                    /** Format: date-time */
                                    addedAt: string;
                                    addedBy: string;
                                    facts: {
                                        foreignBranchOfUsEntity: boolean | null;
                                        locatedInUnitedStates: boolean | null;
                                        organizedUnderUsLaw: boolean | null;
                                        usCitizen: boolean | null;
                                        usLawfulPermanentResident: boolean | null;
                                    };
                                    /** Format: uuid */
                                    id: string;
                                    kind: string;
                                    ownershipPercent: string | null;
                                    removedAt: string | null;
                                    role: string;
                                    substantialControl: {
                                        determined: boolean;
                                        determinedAt: string | null;
                                        determinedBy: string | null;
                                        reason: string | null;
                                    };
                                    /** @description as last classified: us, foreign or unknown (treated as foreign) */
                                    usPersonStatus: string;
                                }[];
                                /** @description present only when the request stated a purpose; the read is recorded */
                                personal?: {
                                    parties: {
                                        address: {
                                            city?: string;
                                            /** @description ISO 3166-1 alpha-2 */
                                            country: string;
                                            lines: string[];
                                            postalCode?: string;
                                            region?: string;
                                        } | null;
                                        disposedAt: string | null;
                                        email: string | null;
                                        ipAccesses: {
                                            /** Format: date-time */
                                            accessedAt: string;
                                            ip: string;
                                            kind: string;
                                        }[];
                                        name: string | null;
                                        /** Format: uuid */
                                        partyId: string;
                                        paymentMethods: {
                                            /** @description card, account or wallet identifier */
                                            identifier: string;
                                            /** @description source of the funds */
                                            source?: string;
                                            type: "card" | "bank-account" | "wallet" | "other";
                                        }[] | null;
                                        telephone: string | null;
                                    }[];
                                    purpose: string;
                                    readId: number;
                                };
                                personalDataDisposedAt: string | null;
                                trackingRequired: boolean;
                                usPersonStatus: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            accountId: string;
                            case: components["schemas"]["Case"] | null;
                            /**
                             * Format: uuid
                             * @description the identification case (its row appears once the workflow has run)
                             */
                            caseId: string;
                            customer: {
                                accounts: {
                                    closedAt: string | null;
                                    /** Format: date-time */
                                    createdAt: string;
                                    /** Format: uuid */
                                    customerId: string;
                                    /** Format: uuid */
                                    id: string;
                                    /** Format: uuid */
                                    identificationCaseId: string;
                                    lastAccessedAt: string | null;
                                    openedAt: string | null;
                                    restrictions: string[];
                                    reviewDueAt: string | null;
                                    status: string;
                                    statusChangedAt: string | null;
                                }[];
                                classifiedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                externalReference: string;
                                /** Format: uuid */
                                id: string;
                                kind: string;
                                parties: {
                                    /** Format: date-time */
                                    addedAt: string;
                                    addedBy: string;
                                    facts: {
                                        foreignBranchOfUsEntity: boolean | null;
                                        locatedInUnitedStates: boolean | null;
                                        organizedUnderUsLaw: boolean | null;
                                        usCitizen: boolean | null;
                                        usLawfulPermanentResident: boolean | null;
                                    };
                                    /** Format: uuid */
                                    id: string;
                                    kind: string;
                                    ownershipPercent: string | null;
                                    removedAt: string | null;
                                    role: string;
                                    substantialControl: {
                                        determined: boolean;
                                        determinedAt: string | null;
                                        determinedBy: string | null;
                                        reason: string | null;
                                    };
                                    /** @description as last classified: us, foreign or unknown (treated as foreign) */
                                    usPersonStatus: string;
                                }[];
                                /** @description present only when the request stated a purpose; the read is recorded */
                                personal?: {
                                    parties: {
                                        address: {
                                            city?: string;
                                            /** @description ISO 3166-1 alpha-2 */
                                            country: string;
                                            lines: string[];
                                            postalCode?: string;
                                            region?: string;
                                        } | null;
                                        disposedAt: string | null;
                                        email: string | null;
                                        ipAccesses: {
                                            /** Format: date-time */
                                            accessedAt: string;
                                            ip: string;
                                            kind: string;
                                        }[];
                                        name: string | null;
                                        /** Format: uuid */
                                        partyId: string;
                                        paymentMethods: {
                                            /** @description card, account or wallet identifier */
                                            identifier: string;
                                            /** @description source of the funds */
                                            source?: string;
                                            type: "card" | "bank-account" | "wallet" | "other";
                                        }[] | null;
                                        telephone: string | null;
                                    }[];
                                    purpose: string;
                                    readId: number;
                                };
                                personalDataDisposedAt: string | null;
                                trackingRequired: boolean;
                                usPersonStatus: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: uuid */
                            accountId: string;
                            case: components["schemas"]["Case"] | null;
                            /**
                             * Format: uuid
                             * @description the identification case (its row appears once the workflow has run)
                             */
                            caseId: string;
                            customer: {
                                accounts: {
                                    closedAt: string | null;
                                    /** Format: date-time */
                                    createdAt: string;
                                    /** Format: uuid */
                                    customerId: string;
                                    /** Format: uuid */
                                    id: string;
                                    /** Format: uuid */
                                    identificationCaseId: string;
                                    lastAccessedAt: string | null;
                                    openedAt: string | null;
                                    restrictions: string[];
                                    reviewDueAt: string | null;
                                    status: string;
                                    statusChangedAt: string | null;
                                }[];
                                classifiedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: string;
                                externalReference: string;
                                /** Format: uuid */
                                id: string;
                                kind: string;
                                parties: {
                                    /** Format: date-time */
                                    addedAt: string;
                                    addedBy: string;
                                    facts: {
                                        foreignBranchOfUsEntity: boolean | null;
                                        locatedInUnitedStates: boolean | null;
                                        organizedUnderUsLaw: boolean | null;
                                        usCitizen: boolean | null;
                                        usLawfulPermanentResident: boolean | null;
                                    };
                                    /** Format: uuid */
                                    id: string;
                                    kind: string;
                                    ownershipPercent: string | null;
                                    removedAt: string | null;
                                    role: string;
                                    substantialControl: {
                                        determined: boolean;
                                        determinedAt: string | null;
                                        determinedBy: string | null;
                                        reason: string | null;
                                    };
                                    /** @description as last classified: us, foreign or unknown (treated as foreign) */
                                    usPersonStatus: string;
                                }[];
                                /** @description present only when the request stated a purpose; the read is recorded */
                                personal?: {
                                    parties: {
                                        address: {
                                            city?: string;
                                            /** @description ISO 3166-1 alpha-2 */
                                            country: string;
                                            lines: string[];
                                            postalCode?: string;
                                            region?: string;
                                        } | null;
                                        disposedAt: string | null;
                                        email: string | null;
                                        ipAccesses: {
                                            /** Format: date-time */
                                            accessedAt: string;
                                            ip: string;
                                            kind: string;
                                        }[];
                                        name: string | null;
                                        /** Format: uuid */
                                        partyId: string;
                                        paymentMethods: {
                                            /** @description card, account or wallet identifier */
                                            identifier: string;
                                            /** @description source of the funds */
                                            source?: string;
                                            type: "card" | "bank-account" | "wallet" | "other";
                                        }[] | null;
                                        telephone: string | null;
                                    }[];
                                    purpose: string;
                                    readId: number;
                                };
                                personalDataDisposedAt: string | null;
                                trackingRequired: boolean;
                                usPersonStatus: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A customer, its parties and accounts; personal fields only with a stated purpose (recorded)
         * @description Without `purpose`: no personal data, any role. With it: adds `personal` for case_handler, reviewer, legal and admin, and records who read what, why and when.
         */
        get: {
            parameters: {
                query?: {
                    /** @description why the personal fields are read; the read is recorded with it */
                    purpose?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accounts: {
                                closedAt: string | null;
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: uuid */
                                customerId: string;
                                /** Format: uuid */
                                id: string;
                                /** Format: uuid */
                                identificationCaseId: string;
                                lastAccessedAt: string | null;
                                openedAt: string | null;
                                restrictions: string[];
                                reviewDueAt: string | null;
                                status: string;
                                statusChangedAt: string | null;
                            }[];
                            classifiedAt: string | null;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: string;
                            externalReference: string;
                            /** Format: uuid */
                            id: string;
                            kind: string;
                            parties: {
                                /** Format: date-time */
                                addedAt: string;
                                addedBy: string;
                                facts: {
                                    foreignBranchOfUsEntity: boolean | null;
                                    locatedInUnitedStates: boolean | null;
                                    organizedUnderUsLaw: boolean | null;
                                    usCitizen: boolean | null;
                                    usLawfulPermanentResident: boolean | null;
                                };
                                /** Format: uuid */
                                id: string;
                                kind: string;
                                ownershipPercent: string | null;
                                removedAt: string | null;
                                role: string;
                                substantialControl: {
                                    determined: boolean;
                                    determinedAt: string | null;
                                    determinedBy: string | null;
                                    reason: string | null;
                                };
                                /** @description as last classified: us, foreign or unknown (treated as foreign) */
                                usPersonStatus: string;
                            }[];
                            /** @description present only when the request stated a purpose; the read is recorded */
                            personal?: {
                                parties: {
                                    address: {
                                        city?: string;
                                        /** @description ISO 3166-1 alpha-2 */
                                        country: string;
                                        lines: string[];
                                        postalCode?: string;
                                        region?: string;
                                    } | null;
                                    disposedAt: string | null;
                                    email: string | null;
                                    ipAccesses: {
                                        /** Format: date-time */
                                        accessedAt: string;
                                        ip: string;
                                        kind: string;
                                    }[];
                                    name: string | null;
                                    /** Format: uuid */
                                    partyId: string;
                                    paymentMethods: {
                                        /** @description card, account or wallet identifier */
                                        identifier: string;
                                        /** @description source of the funds */
                                        source?: string;
                                        type: "card" | "bank-account" | "wallet" | "other";
                                    }[] | null;
                                    telephone: string | null;
                                }[];
                                purpose: string;
                                readId: number;
                            };
                            personalDataDisposedAt: string | null;
                            trackingRequired: boolean;
                            usPersonStatus: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/beneficial-owners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The beneficial owners of a customer (no personal data) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                addedAt: string;
                                addedBy: string;
                                facts: {
                                    foreignBranchOfUsEntity: boolean | null;
                                    locatedInUnitedStates: boolean | null;
                                    organizedUnderUsLaw: boolean | null;
                                    usCitizen: boolean | null;
                                    usLawfulPermanentResident: boolean | null;
                                };
                                /** Format: uuid */
                                id: string;
                                kind: string;
                                ownershipPercent: string | null;
                                removedAt: string | null;
                                role: string;
                                substantialControl: {
                                    determined: boolean;
                                    determinedAt: string | null;
                                    determinedBy: string | null;
                                    reason: string | null;
                                };
                                /** @description as last classified: us, foreign or unknown (treated as foreign) */
                                usPersonStatus: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Record a customer's notice of a new beneficial owner; wakes the identification and re-verification workflows */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address?: {
                            city?: string;
                            /** @description ISO 3166-1 alpha-2 */
                            country: string;
                            lines: string[];
                            postalCode?: string;
                            region?: string;
                        };
                        /** Format: email */
                        email?: string;
                        ipAccesses?: {
                            /** Format: date-time */
                            accessedAt: string;
                            /** @description IPv4 or IPv6 address */
                            ip: string;
                            /** @default access */
                            kind: "access" | "administration";
                        }[];
                        /**
                         * @description a beneficial owner is an individual
                         * @default individual
                         * @enum {string}
                         */
                        kind: "individual";
                        /** @description located in the United States; absent or null: not known */
                        locatedInUnitedStates?: boolean | null;
                        name?: string;
                        /** @description direct share of the customer's ownership interests, in percent (up to 6 decimals) */
                        ownershipPercent?: number | string;
                        paymentMethods?: {
                            /** @description card, account or wallet identifier */
                            identifier: string;
                            /** @description source of the funds */
                            source?: string;
                            type: "card" | "bank-account" | "wallet" | "other";
                        }[];
                        substantialControl?: {
                            /** @description why the individual exercises substantial control */
                            reason: string;
                        };
                        telephone?: string;
                        /** @description a U.S. citizen; absent or null: not known */
                        usCitizen?: boolean | null;
                        /** @description a lawful permanent resident of the United States; absent or null: not known */
                        usLawfulPermanentResident?: boolean | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            addedAt: string;
                            addedBy: string;
                            facts: {
                                foreignBranchOfUsEntity: boolean | null;
                                locatedInUnitedStates: boolean | null;
                                organizedUnderUsLaw: boolean | null;
                                usCitizen: boolean | null;
                                usLawfulPermanentResident: boolean | null;
                            };
                            /** Format: uuid */
                            id: string;
                            kind: string;
                            ownershipPercent: string | null;
                            removedAt: string | null;
                            role: string;
                            substantialControl: {
                                determined: boolean;
                                determinedAt: string | null;
                                determinedBy: string | null;
                                reason: string | null;
                            };
                            /** @description as last classified: us, foreign or unknown (treated as foreign) */
                            usPersonStatus: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/beneficial-owners/{partyId}/substantial-control": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A handler's determination whether an individual exercises substantial control (the NPRM does not define it: a reason is required) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    partyId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                        /** @description whether the individual exercises substantial control over the customer */
                        substantialControl: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            addedAt: string;
                            addedBy: string;
                            facts: {
                                foreignBranchOfUsEntity: boolean | null;
                                locatedInUnitedStates: boolean | null;
                                organizedUnderUsLaw: boolean | null;
                                usCitizen: boolean | null;
                                usLawfulPermanentResident: boolean | null;
                            };
                            /** Format: uuid */
                            id: string;
                            kind: string;
                            ownershipPercent: string | null;
                            removedAt: string | null;
                            role: string;
                            substantialControl: {
                                determined: boolean;
                                determinedAt: string | null;
                                determinedBy: string | null;
                                reason: string | null;
                            };
                            /** @description as last classified: us, foreign or unknown (treated as foreign) */
                            usPersonStatus: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/ip-accesses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record IP addresses a party used for access or administration, with the time of each access (personal data) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        accesses: {
                            /** Format: date-time */
                            accessedAt: string;
                            /** @description IPv4 or IPv6 address */
                            ip: string;
                            /** @default access */
                            kind: "access" | "administration";
                        }[];
                        /** Format: uuid */
                        partyId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            recorded: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/verifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's verification attempts, oldest first; materials and discrepancy texts only with a stated purpose (recorded) */
        get: {
            parameters: {
                query?: {
                    /** @description why the personal fields are read; the read is recorded with it */
                    purpose?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                discrepancies: {
                                    description?: string | null;
                                    /** Format: uuid */
                                    id: string;
                                    resolution?: string | null;
                                    resolved: boolean;
                                    resolvedAt: string | null;
                                    resolvedBy: string | null;
                                }[];
                                /** Format: uuid */
                                id: string;
                                materials?: {
                                    [key: string]: string;
                                } | null;
                                method: string;
                                methodDetail: string;
                                /** Format: uuid */
                                partyId: string;
                                /** Format: date-time */
                                performedAt: string;
                                performedBy: string;
                                /** Format: date-time */
                                recordedAt: string;
                                result: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /** Record a verification attempt of the customer or a beneficial owner, with its discrepancies */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default [] */
                        discrepancies: {
                            description: string;
                            /** @description when resolved on the spot */
                            resolution?: string;
                        }[];
                        /** @description verification materials (personal; disposed of with the rest) */
                        materials?: {
                            [key: string]: string;
                        };
                        method: "documentary" | "non-documentary";
                        /** @description what was checked, without personal data */
                        methodDetail: string;
                        /** Format: uuid */
                        partyId: string;
                        /** Format: date-time */
                        performedAt?: string;
                        result: "verified" | "failed" | "inconclusive";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            discrepancies: {
                                description?: string | null;
                                /** Format: uuid */
                                id: string;
                                resolution?: string | null;
                                resolved: boolean;
                                resolvedAt: string | null;
                                resolvedBy: string | null;
                            }[];
                            /** Format: uuid */
                            id: string;
                            materials?: {
                                [key: string]: string;
                            } | null;
                            method: string;
                            methodDetail: string;
                            /** Format: uuid */
                            partyId: string;
                            /** Format: date-time */
                            performedAt: string;
                            performedBy: string;
                            /** Format: date-time */
                            recordedAt: string;
                            result: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/verifications/{attemptId}/discrepancies/{discrepancyId}/resolution": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record how a discrepancy was resolved (once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    attemptId: string;
                    discrepancyId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        resolution: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            discrepancies: {
                                description?: string | null;
                                /** Format: uuid */
                                id: string;
                                resolution?: string | null;
                                resolved: boolean;
                                resolvedAt: string | null;
                                resolvedBy: string | null;
                            }[];
                            /** Format: uuid */
                            id: string;
                            materials?: {
                                [key: string]: string;
                            } | null;
                            method: string;
                            methodDetail: string;
                            /** Format: uuid */
                            partyId: string;
                            /** Format: date-time */
                            performedAt: string;
                            performedBy: string;
                            /** Format: date-time */
                            recordedAt: string;
                            result: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/deadlines/compute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Compute when an obligation is due, and why, under a rule set (nothing is recorded)
         * @description Runs the same rules the case workflows run. Calendar days count every day; the trigger day (the event's date in `timeZone`) is not counted; `dueAt` is the end of the last day in `timeZone`. Input an obligation does not use (e.g. `knowledgeAt` for `cip-transmission`) is refused with 400 naming the field.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description special-measure-expiry only: published extensions (the latest restarts the clock) */
                        extensions?: {
                            /** @description exactly one of days (calendar days), months or years */
                            duration?: {
                                days?: number;
                                months?: number;
                                years?: number;
                            };
                            /**
                             * Format: date-time
                             * @description publication of the extension in the Federal Register
                             */
                            publishedAt: string;
                        }[];
                        /**
                         * Format: date-time
                         * @description ai-report-provider / ai-report-reseller-to-provider: when the owner learned of the transaction, if later (moves the clock); ai-report-provider-files-reseller: the reseller's knowledge (flags a late reseller, does not move the clock). Refused for other obligations
                         */
                        knowledgeAt?: string;
                        /**
                         * Format: date-time
                         * @description record-retention only: the last access to the account (the clock runs from the later of closure and last access)
                         */
                        lastAccessAt?: string;
                        /**
                         * @description the obligation whose deadline to compute
                         * @enum {string}
                         */
                        obligation: "cip-transmission" | "reseller-termination" | "ai-report-provider" | "ai-report-reseller-to-provider" | "ai-report-provider-files-reseller" | "special-measure-implementation" | "special-measure-expiry" | "record-retention" | "cip-certification" | "interim-account-review" | "irregular-update" | "deficiency-remediation" | "periodic-reverification";
                        /**
                         * @description rule set id; default: the current rule set (NPRM-2024)
                         * @enum {string}
                         */
                        ruleSet?: "NPRM-2024";
                        /**
                         * Format: date-time
                         * @description the triggering event: request received, determination, covered transaction, issuance, account closure, previous certification, interim account opened, change, findings received, last completed verification
                         */
                        startedAt: string;
                        /** @description IANA zone in which calendar days are counted; default: the provider's configured zone */
                        timeZone?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date
                             * @description the trigger day in timeZone (not counted)
                             */
                            clockStartDate: string;
                            /**
                             * Format: date-time
                             * @description the event, knowledge, last access or latest extension
                             */
                            clockStartedAt: string;
                            /**
                             * Format: date-time
                             * @description the end of dueDate in timeZone (last millisecond before local midnight); due by this instant, inclusive
                             */
                            dueAt: string;
                            /**
                             * Format: date
                             * @description the last day, in timeZone
                             */
                            dueDate: string;
                            /** @description sentences a legal reviewer can check one by one */
                            explanation: string[];
                            flags: ("clock-started-at-knowledge" | "clock-started-at-last-access" | "clock-started-at-extension" | "period-ended-on-last-day-of-shorter-month" | "reseller-deadline-after-provider-deadline" | "extension-published-after-expiry")[];
                            /** @enum {string} */
                            obligation: "cip-transmission" | "reseller-termination" | "ai-report-provider" | "ai-report-reseller-to-provider" | "ai-report-provider-files-reseller" | "special-measure-implementation" | "special-measure-expiry" | "record-retention" | "cip-certification" | "interim-account-review" | "irregular-update" | "deficiency-remediation" | "periodic-reverification";
                            /** @enum {string} */
                            owner: "us-provider" | "foreign-reseller" | "commerce";
                            /** @description exactly one of days (calendar days), months or years */
                            period: {
                                days?: number;
                                months?: number;
                                years?: number;
                            };
                            /** @description id of the rule set applied */
                            ruleSet: string;
                            /** @description canonical IANA zone the days were counted in */
                            timeZone: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rule-sets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rule sets the desk knows; each case keeps the one it was opened under */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description full citation of the instrument */
                                citation: string;
                                /** @description new cases are opened under this rule set */
                                current: boolean;
                                /**
                                 * Format: date
                                 * @description the date from which the desk applies the rule set to new cases
                                 */
                                effectiveDate: string;
                                /** @example NPRM-2024 */
                                id: string;
                                /** @enum {string} */
                                status: "proposed" | "final";
                                title: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rule-sets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One rule set: every number and interpretive choice, each with its explanation, citation and source */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @example NPRM-2024 */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A rule set: an immutable, versioned value holding every number and interpretive choice the desk applies */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            calendar: {
                                dayCounting: {
                                    citation: string;
                                    /** @description the sentence a lawyer reads */
                                    explanation: string;
                                    /**
                                     * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                     * @enum {string}
                                     */
                                    source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                    value: string;
                                };
                                endOfDay: {
                                    citation: string;
                                    /** @description the sentence a lawyer reads */
                                    explanation: string;
                                    /**
                                     * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                     * @enum {string}
                                     */
                                    source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                    value: string;
                                };
                                monthEnd: {
                                    citation: string;
                                    /** @description the sentence a lawyer reads */
                                    explanation: string;
                                    /**
                                     * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                     * @enum {string}
                                     */
                                    source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                    value: string;
                                };
                                weekendAndHolidayRoll: {
                                    citation: string;
                                    /** @description the sentence a lawyer reads */
                                    explanation: string;
                                    /**
                                     * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                     * @enum {string}
                                     */
                                    source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                    value: string;
                                };
                            };
                            /** @description the provider's CIP policy values: provider policy defaults, not regulation */
                            cipPolicy: {
                                deficiencyRemediationPeriod: {
                                    citation: string;
                                    /** @description the sentence a lawyer reads */
                                    explanation: string;
                                    /**
                                     * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                     * @enum {string}
                                     */
                                    source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                    /** @description exactly one of days (calendar days), months or years */
                                    value: {
                                        days?: number;
                                        months?: number;
                                        years?: number;
                                    };
                                };
                                interimAccountDefaultAction: {
                                    citation: string;
                                    /** @description the sentence a lawyer reads */
                                    explanation: string;
                                    /**
                                     * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                     * @enum {string}
                                     */
                                    source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                    /** @enum {string} */
                                    value: "close" | "keep-under-additional-monitoring";
                                };
                                interimAccountReviewPeriod: {
                                    citation: string;
                                    /** @description the sentence a lawyer reads */
                                    explanation: string;
                                    /**
                                     * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                     * @enum {string}
                                     */
                                    source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                    /** @description exactly one of days (calendar days), months or years */
                                    value: {
                                        days?: number;
                                        months?: number;
                                        years?: number;
                                    };
                                };
                                irregularUpdatePeriod: {
                                    citation: string;
                                    /** @description the sentence a lawyer reads */
                                    explanation: string;
                                    /**
                                     * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                     * @enum {string}
                                     */
                                    source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                    /** @description exactly one of days (calendar days), months or years */
                                    value: {
                                        days?: number;
                                        months?: number;
                                        years?: number;
                                    };
                                };
                                periodicReverificationPeriod: {
                                    citation: string;
                                    /** @description the sentence a lawyer reads */
                                    explanation: string;
                                    /**
                                     * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                     * @enum {string}
                                     */
                                    source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                    /** @description exactly one of days (calendar days), months or years */
                                    value: {
                                        days?: number;
                                        months?: number;
                                        years?: number;
                                    };
                                };
                                reminderOffsetsDays: {
                                    citation: string;
                                    /** @description the sentence a lawyer reads */
                                    explanation: string;
                                    /**
                                     * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                     * @enum {string}
                                     */
                                    source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                    value: number[];
                                };
                            };
                            /** @description CIP policy values the provider has overridden */
                            cipPolicyOverrides: ("interimAccountReviewPeriod" | "interimAccountDefaultAction" | "periodicReverificationPeriod" | "deficiencyRemediationPeriod" | "irregularUpdatePeriod" | "reminderOffsetsDays")[];
                            effectiveDate: {
                                citation: string;
                                /** @description the sentence a lawyer reads */
                                explanation: string;
                                /**
                                 * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                 * @enum {string}
                                 */
                                source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                /** Format: date */
                                value: string;
                            };
                            id: string;
                            interpretations: {
                                resellerLateKnowledge: {
                                    citation: string;
                                    /** @description the sentence a lawyer reads */
                                    explanation: string;
                                    /**
                                     * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                     * @enum {string}
                                     */
                                    source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                    value: string;
                                };
                                specialMeasureExtension: {
                                    citation: string;
                                    /** @description the sentence a lawyer reads */
                                    explanation: string;
                                    /**
                                     * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                     * @enum {string}
                                     */
                                    source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                    value: string;
                                };
                                specialMeasureInForce: {
                                    citation: string;
                                    /** @description the sentence a lawyer reads */
                                    explanation: string;
                                    /**
                                     * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                     * @enum {string}
                                     */
                                    source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                    value: string;
                                };
                            };
                            obligations: {
                                "ai-report-provider": {
                                    citation: string;
                                    /** @enum {string} */
                                    clockStart: "event" | "later-of-event-and-knowledge" | "later-of-closure-and-last-access" | "issuance-or-latest-extension";
                                    /** @enum {string} */
                                    id: "cip-transmission" | "reseller-termination" | "ai-report-provider" | "ai-report-reseller-to-provider" | "ai-report-provider-files-reseller" | "special-measure-implementation" | "special-measure-expiry" | "record-retention" | "cip-certification" | "interim-account-review" | "irregular-update" | "deficiency-remediation" | "periodic-reverification";
                                    /** @description what dueAt means for this obligation */
                                    meaning: string;
                                    /** @enum {string} */
                                    owner: "us-provider" | "foreign-reseller" | "commerce";
                                    period: {
                                        /** @description key in regulatory.periods or cipPolicy */
                                        key: string;
                                        /** @enum {string} */
                                        kind: "regulatory" | "cip-policy";
                                    };
                                    title: string;
                                    /** @description the event that starts the clock */
                                    trigger: string;
                                };
                                "ai-report-provider-files-reseller": {
                                    citation: string;
                                    /** @enum {string} */
                                    clockStart: "event" | "later-of-event-and-knowledge" | "later-of-closure-and-last-access" | "issuance-or-latest-extension";
                                    /** @enum {string} */
                                    id: "cip-transmission" | "reseller-termination" | "ai-report-provider" | "ai-report-reseller-to-provider" | "ai-report-provider-files-reseller" | "special-measure-implementation" | "special-measure-expiry" | "record-retention" | "cip-certification" | "interim-account-review" | "irregular-update" | "deficiency-remediation" | "periodic-reverification";
                                    /** @description what dueAt means for this obligation */
                                    meaning: string;
                                    /** @enum {string} */
                                    owner: "us-provider" | "foreign-reseller" | "commerce";
                                    period: {
                                        /** @description key in regulatory.periods or cipPolicy */
                                        key: string;
                                        /** @enum {string} */
                                        kind: "regulatory" | "cip-policy";
                                    };
                                    title: string;
                                    /** @description the event that starts the clock */
                                    trigger: string;
                                };
                                "ai-report-reseller-to-provider": {
                                    citation: string;
                                    /** @enum {string} */
                                    clockStart: "event" | "later-of-event-and-knowledge" | "later-of-closure-and-last-access" | "issuance-or-latest-extension";
                                    /** @enum {string} */
                                    id: "cip-transmission" | "reseller-termination" | "ai-report-provider" | "ai-report-reseller-to-provider" | "ai-report-provider-files-reseller" | "special-measure-implementation" | "special-measure-expiry" | "record-retention" | "cip-certification" | "interim-account-review" | "irregular-update" | "deficiency-remediation" | "periodic-reverification";
                                    /** @description what dueAt means for this obligation */
                                    meaning: string;
                                    /** @enum {string} */
                                    owner: "us-provider" | "foreign-reseller" | "commerce";
                                    period: {
                                        /** @description key in regulatory.periods or cipPolicy */
                                        key: string;
                                        /** @enum {string} */
                                        kind: "regulatory" | "cip-policy";
                                    };
                                    title: string;
                                    /** @description the event that starts the clock */
                                    trigger: string;
                                };
                                "cip-certification": {
                                    citation: string;
                                    /** @enum {string} */
                                    clockStart: "event" | "later-of-event-and-knowledge" | "later-of-closure-and-last-access" | "issuance-or-latest-extension";
                                    /** @enum {string} */
                                    id: "cip-transmission" | "reseller-termination" | "ai-report-provider" | "ai-report-reseller-to-provider" | "ai-report-provider-files-reseller" | "special-measure-implementation" | "special-measure-expiry" | "record-retention" | "cip-certification" | "interim-account-review" | "irregular-update" | "deficiency-remediation" | "periodic-reverification";
                                    /** @description what dueAt means for this obligation */
                                    meaning: string;
                                    /** @enum {string} */
                                    owner: "us-provider" | "foreign-reseller" | "commerce";
                                    period: {
                                        /** @description key in regulatory.periods or cipPolicy */
                                        key: string;
                                        /** @enum {string} */
                                        kind: "regulatory" | "cip-policy";
                                    };
                                    title: string;
                                    /** @description the event that starts the clock */
                                    trigger: string;
                                };
                                "cip-transmission": {
                                    citation: string;
                                    /** @enum {string} */
                                    clockStart: "event" | "later-of-event-and-knowledge" | "later-of-closure-and-last-access" | "issuance-or-latest-extension";
                                    /** @enum {string} */
                                    id: "cip-transmission" | "reseller-termination" | "ai-report-provider" | "ai-report-reseller-to-provider" | "ai-report-provider-files-reseller" | "special-measure-implementation" | "special-measure-expiry" | "record-retention" | "cip-certification" | "interim-account-review" | "irregular-update" | "deficiency-remediation" | "periodic-reverification";
                                    /** @description what dueAt means for this obligation */
                                    meaning: string;
                                    /** @enum {string} */
                                    owner: "us-provider" | "foreign-reseller" | "commerce";
                                    period: {
                                        /** @description key in regulatory.periods or cipPolicy */
                                        key: string;
                                        /** @enum {string} */
                                        kind: "regulatory" | "cip-policy";
                                    };
                                    title: string;
                                    /** @description the event that starts the clock */
                                    trigger: string;
                                };
                                "deficiency-remediation": {
                                    citation: string;
                                    /** @enum {string} */
                                    clockStart: "event" | "later-of-event-and-knowledge" | "later-of-closure-and-last-access" | "issuance-or-latest-extension";
                                    /** @enum {string} */
                                    id: "cip-transmission" | "reseller-termination" | "ai-report-provider" | "ai-report-reseller-to-provider" | "ai-report-provider-files-reseller" | "special-measure-implementation" | "special-measure-expiry" | "record-retention" | "cip-certification" | "interim-account-review" | "irregular-update" | "deficiency-remediation" | "periodic-reverification";
                                    /** @description what dueAt means for this obligation */
                                    meaning: string;
                                    /** @enum {string} */
                                    owner: "us-provider" | "foreign-reseller" | "commerce";
                                    period: {
                                        /** @description key in regulatory.periods or cipPolicy */
                                        key: string;
                                        /** @enum {string} */
                                        kind: "regulatory" | "cip-policy";
                                    };
                                    title: string;
                                    /** @description the event that starts the clock */
                                    trigger: string;
                                };
                                "interim-account-review": {
                                    citation: string;
                                    /** @enum {string} */
                                    clockStart: "event" | "later-of-event-and-knowledge" | "later-of-closure-and-last-access" | "issuance-or-latest-extension";
                                    /** @enum {string} */
                                    id: "cip-transmission" | "reseller-termination" | "ai-report-provider" | "ai-report-reseller-to-provider" | "ai-report-provider-files-reseller" | "special-measure-implementation" | "special-measure-expiry" | "record-retention" | "cip-certification" | "interim-account-review" | "irregular-update" | "deficiency-remediation" | "periodic-reverification";
                                    /** @description what dueAt means for this obligation */
                                    meaning: string;
                                    /** @enum {string} */
                                    owner: "us-provider" | "foreign-reseller" | "commerce";
                                    period: {
                                        /** @description key in regulatory.periods or cipPolicy */
                                        key: string;
                                        /** @enum {string} */
                                        kind: "regulatory" | "cip-policy";
                                    };
                                    title: string;
                                    /** @description the event that starts the clock */
                                    trigger: string;
                                };
                                "irregular-update": {
                                    citation: string;
                                    /** @enum {string} */
                                    clockStart: "event" | "later-of-event-and-knowledge" | "later-of-closure-and-last-access" | "issuance-or-latest-extension";
                                    /** @enum {string} */
                                    id: "cip-transmission" | "reseller-termination" | "ai-report-provider" | "ai-report-reseller-to-provider" | "ai-report-provider-files-reseller" | "special-measure-implementation" | "special-measure-expiry" | "record-retention" | "cip-certification" | "interim-account-review" | "irregular-update" | "deficiency-remediation" | "periodic-reverification";
                                    /** @description what dueAt means for this obligation */
                                    meaning: string;
                                    /** @enum {string} */
                                    owner: "us-provider" | "foreign-reseller" | "commerce";
                                    period: {
                                        /** @description key in regulatory.periods or cipPolicy */
                                        key: string;
                                        /** @enum {string} */
                                        kind: "regulatory" | "cip-policy";
                                    };
                                    title: string;
                                    /** @description the event that starts the clock */
                                    trigger: string;
                                };
                                "periodic-reverification": {
                                    citation: string;
                                    /** @enum {string} */
                                    clockStart: "event" | "later-of-event-and-knowledge" | "later-of-closure-and-last-access" | "issuance-or-latest-extension";
                                    /** @enum {string} */
                                    id: "cip-transmission" | "reseller-termination" | "ai-report-provider" | "ai-report-reseller-to-provider" | "ai-report-provider-files-reseller" | "special-measure-implementation" | "special-measure-expiry" | "record-retention" | "cip-certification" | "interim-account-review" | "irregular-update" | "deficiency-remediation" | "periodic-reverification";
                                    /** @description what dueAt means for this obligation */
                                    meaning: string;
                                    /** @enum {string} */
                                    owner: "us-provider" | "foreign-reseller" | "commerce";
                                    period: {
                                        /** @description key in regulatory.periods or cipPolicy */
                                        key: string;
                                        /** @enum {string} */
                                        kind: "regulatory" | "cip-policy";
                                    };
                                    title: string;
                                    /** @description the event that starts the clock */
                                    trigger: string;
                                };
                                "record-retention": {
                                    citation: string;
                                    /** @enum {string} */
                                    clockStart: "event" | "later-of-event-and-knowledge" | "later-of-closure-and-last-access" | "issuance-or-latest-extension";
                                    /** @enum {string} */
                                    id: "cip-transmission" | "reseller-termination" | "ai-report-provider" | "ai-report-reseller-to-provider" | "ai-report-provider-files-reseller" | "special-measure-implementation" | "special-measure-expiry" | "record-retention" | "cip-certification" | "interim-account-review" | "irregular-update" | "deficiency-remediation" | "periodic-reverification";
                                    /** @description what dueAt means for this obligation */
                                    meaning: string;
                                    /** @enum {string} */
                                    owner: "us-provider" | "foreign-reseller" | "commerce";
                                    period: {
                                        /** @description key in regulatory.periods or cipPolicy */
                                        key: string;
                                        /** @enum {string} */
                                        kind: "regulatory" | "cip-policy";
                                    };
                                    title: string;
                                    /** @description the event that starts the clock */
                                    trigger: string;
                                };
                                "reseller-termination": {
                                    citation: string;
                                    /** @enum {string} */
                                    clockStart: "event" | "later-of-event-and-knowledge" | "later-of-closure-and-last-access" | "issuance-or-latest-extension";
                                    /** @enum {string} */
                                    id: "cip-transmission" | "reseller-termination" | "ai-report-provider" | "ai-report-reseller-to-provider" | "ai-report-provider-files-reseller" | "special-measure-implementation" | "special-measure-expiry" | "record-retention" | "cip-certification" | "interim-account-review" | "irregular-update" | "deficiency-remediation" | "periodic-reverification";
                                    /** @description what dueAt means for this obligation */
                                    meaning: string;
                                    /** @enum {string} */
                                    owner: "us-provider" | "foreign-reseller" | "commerce";
                                    period: {
                                        /** @description key in regulatory.periods or cipPolicy */
                                        key: string;
                                        /** @enum {string} */
                                        kind: "regulatory" | "cip-policy";
                                    };
                                    title: string;
                                    /** @description the event that starts the clock */
                                    trigger: string;
                                };
                                "special-measure-expiry": {
                                    citation: string;
                                    /** @enum {string} */
                                    clockStart: "event" | "later-of-event-and-knowledge" | "later-of-closure-and-last-access" | "issuance-or-latest-extension";
                                    /** @enum {string} */
                                    id: "cip-transmission" | "reseller-termination" | "ai-report-provider" | "ai-report-reseller-to-provider" | "ai-report-provider-files-reseller" | "special-measure-implementation" | "special-measure-expiry" | "record-retention" | "cip-certification" | "interim-account-review" | "irregular-update" | "deficiency-remediation" | "periodic-reverification";
                                    /** @description what dueAt means for this obligation */
                                    meaning: string;
                                    /** @enum {string} */
                                    owner: "us-provider" | "foreign-reseller" | "commerce";
                                    period: {
                                        /** @description key in regulatory.periods or cipPolicy */
                                        key: string;
                                        /** @enum {string} */
                                        kind: "regulatory" | "cip-policy";
                                    };
                                    title: string;
                                    /** @description the event that starts the clock */
                                    trigger: string;
                                };
                                "special-measure-implementation": {
                                    citation: string;
                                    /** @enum {string} */
                                    clockStart: "event" | "later-of-event-and-knowledge" | "later-of-closure-and-last-access" | "issuance-or-latest-extension";
                                    /** @enum {string} */
                                    id: "cip-transmission" | "reseller-termination" | "ai-report-provider" | "ai-report-reseller-to-provider" | "ai-report-provider-files-reseller" | "special-measure-implementation" | "special-measure-expiry" | "record-retention" | "cip-certification" | "interim-account-review" | "irregular-update" | "deficiency-remediation" | "periodic-reverification";
                                    /** @description what dueAt means for this obligation */
                                    meaning: string;
                                    /** @enum {string} */
                                    owner: "us-provider" | "foreign-reseller" | "commerce";
                                    period: {
                                        /** @description key in regulatory.periods or cipPolicy */
                                        key: string;
                                        /** @enum {string} */
                                        kind: "regulatory" | "cip-policy";
                                    };
                                    title: string;
                                    /** @description the event that starts the clock */
                                    trigger: string;
                                };
                            };
                            regulatory: {
                                aiTrainingOperationThresholds: {
                                    biologicalSequenceData: {
                                        citation: string;
                                        /** @description the sentence a lawyer reads */
                                        explanation: string;
                                        /**
                                         * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                         * @enum {string}
                                         */
                                        source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                        value: string;
                                    };
                                    general: {
                                        citation: string;
                                        /** @description the sentence a lawyer reads */
                                        explanation: string;
                                        /**
                                         * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                         * @enum {string}
                                         */
                                        source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                        /** @description exact decimal; a run is covered when its operations are MORE than this */
                                        value: string;
                                    };
                                };
                                beneficialOwnershipThresholdPercent: {
                                    citation: string;
                                    /** @description the sentence a lawyer reads */
                                    explanation: string;
                                    /**
                                     * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                     * @enum {string}
                                     */
                                    source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                    value: number;
                                };
                                periods: {
                                    aiReportProvider: {
                                        citation: string;
                                        /** @description the sentence a lawyer reads */
                                        explanation: string;
                                        /**
                                         * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                         * @enum {string}
                                         */
                                        source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                        /** @description exactly one of days (calendar days), months or years */
                                        value: {
                                            days?: number;
                                            months?: number;
                                            years?: number;
                                        };
                                    };
                                    aiReportProviderFilesReseller: {
                                        citation: string;
                                        /** @description the sentence a lawyer reads */
                                        explanation: string;
                                        /**
                                         * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                         * @enum {string}
                                         */
                                        source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                        /** @description exactly one of days (calendar days), months or years */
                                        value: {
                                            days?: number;
                                            months?: number;
                                            years?: number;
                                        };
                                    };
                                    aiReportResellerToProvider: {
                                        citation: string;
                                        /** @description the sentence a lawyer reads */
                                        explanation: string;
                                        /**
                                         * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                         * @enum {string}
                                         */
                                        source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                        /** @description exactly one of days (calendar days), months or years */
                                        value: {
                                            days?: number;
                                            months?: number;
                                            years?: number;
                                        };
                                    };
                                    cipCertification: {
                                        citation: string;
                                        /** @description the sentence a lawyer reads */
                                        explanation: string;
                                        /**
                                         * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                         * @enum {string}
                                         */
                                        source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                        /** @description exactly one of days (calendar days), months or years */
                                        value: {
                                            days?: number;
                                            months?: number;
                                            years?: number;
                                        };
                                    };
                                    cipTransmission: {
                                        citation: string;
                                        /** @description the sentence a lawyer reads */
                                        explanation: string;
                                        /**
                                         * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                         * @enum {string}
                                         */
                                        source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                        /** @description exactly one of days (calendar days), months or years */
                                        value: {
                                            days?: number;
                                            months?: number;
                                            years?: number;
                                        };
                                    };
                                    recordRetention: {
                                        citation: string;
                                        /** @description the sentence a lawyer reads */
                                        explanation: string;
                                        /**
                                         * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                         * @enum {string}
                                         */
                                        source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                        /** @description exactly one of days (calendar days), months or years */
                                        value: {
                                            days?: number;
                                            months?: number;
                                            years?: number;
                                        };
                                    };
                                    resellerTermination: {
                                        citation: string;
                                        /** @description the sentence a lawyer reads */
                                        explanation: string;
                                        /**
                                         * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                         * @enum {string}
                                         */
                                        source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                        /** @description exactly one of days (calendar days), months or years */
                                        value: {
                                            days?: number;
                                            months?: number;
                                            years?: number;
                                        };
                                    };
                                    specialMeasureDuration: {
                                        citation: string;
                                        /** @description the sentence a lawyer reads */
                                        explanation: string;
                                        /**
                                         * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                         * @enum {string}
                                         */
                                        source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                        /** @description exactly one of days (calendar days), months or years */
                                        value: {
                                            days?: number;
                                            months?: number;
                                            years?: number;
                                        };
                                    };
                                    specialMeasurePhaseIn: {
                                        citation: string;
                                        /** @description the sentence a lawyer reads */
                                        explanation: string;
                                        /**
                                         * @description regulation, executive order, interpretation, or the CIP policy (provider policy, not regulation)
                                         * @enum {string}
                                         */
                                        source: "regulation" | "executive-order" | "interpretation" | "cip-policy-default" | "cip-policy-override";
                                        /** @description exactly one of days (calendar days), months or years */
                                        value: {
                                            days?: number;
                                            months?: number;
                                            years?: number;
                                        };
                                    };
                                };
                            };
                            source: {
                                cfr: string;
                                citation: string;
                                federalRegister: string;
                                implements: string[];
                                /** @description caveats a reviewer must know */
                                notes: string[];
                                /** Format: date */
                                publishedOn: string;
                                rin: string;
                            };
                            /** @enum {string} */
                            status: "proposed" | "final";
                            title: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
                /** @description Default Response */
                414: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": {
                            code: string;
                            detail: string;
                            errors?: {
                                field: string;
                                message: string;
                            }[];
                            instance?: string;
                            status: number;
                            title: string;
                            type: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Case: {
            assignee: string | null;
            closedAt: string | null;
            details: {
                [key: string]: unknown;
            };
            dueAt: string | null;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            openedAt: string;
            /** @description Rule set the case was opened under; kept for its whole life */
            ruleSetId: string;
            status: string;
            subject: {
                id: string;
                type: string;
            };
            /** @description Obligation type, e.g. cip-transmission */
            type: string;
            /** Format: date-time */
            updatedAt: string;
            workflowId: string;
        };
        CaseEvent: {
            actor: string;
            data: {
                [key: string]: unknown;
            };
            id: number;
            /** Format: date-time */
            occurredAt: string;
            /** Format: date-time */
            recordedAt: string;
            type: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
