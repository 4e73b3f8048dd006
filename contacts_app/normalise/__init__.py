"""Phone numbers, email addresses and names in their normal forms, and names matched against addresses."""
