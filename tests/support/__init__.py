"""What tests share: factories, clients, image bytes, WeChat pushes, report mixes."""
