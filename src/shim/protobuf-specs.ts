/**
 * What the browser bundles take from `@sigstore/protobuf-specs` (the bundler aliases the bare
 * package name to this file, see scripts/build-config.ts). The package's index re-exports every
 * generated module, and they are CommonJS, so the bundler cannot drop the unused ones: this file
 * names the modules whose messages are used and leaves out `sigstore_verification` (verification
 * options and test-case messages: nothing in @sigstore/bundle, @sigstore/verify, @sigstore/core or
 * src/ uses them). `@sigstore/protobuf-specs/rekor/v2` is a separate entry and is not aliased.
 *
 * Names used (grep of @sigstore/{bundle,verify,core}/dist and src/): Bundle, Envelope,
 * HashAlgorithm, PublicKeyDetails, TrustedRoot. test/unit/protobuf-specs-shim.test.ts checks that
 * every name the real index exports from these modules is exported here, the same object.
 */
export * from '../../node_modules/@sigstore/protobuf-specs/dist/__generated__/envelope.js';
export * from '../../node_modules/@sigstore/protobuf-specs/dist/__generated__/sigstore_bundle.js';
export * from '../../node_modules/@sigstore/protobuf-specs/dist/__generated__/sigstore_common.js';
export * from '../../node_modules/@sigstore/protobuf-specs/dist/__generated__/sigstore_rekor.js';
export * from '../../node_modules/@sigstore/protobuf-specs/dist/__generated__/sigstore_trustroot.js';
