Qwzxv-Blorp
