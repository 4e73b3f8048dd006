"""The product's values: Contact, Phone, Finding, Directory, the rule catalogue and its errors. Imports nothing of the product."""
