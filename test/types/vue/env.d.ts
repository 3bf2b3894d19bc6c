// The README's advice for Vue 3: the kit's tags in templates, with their props and events.
/// <reference types="azure-compliance-connect/vue" />
