# Keeps the passwords of at least 10 bytes (shorter ones fail the length rule anyway); writes to `out`.
length($0) >= 10 { print > out }
