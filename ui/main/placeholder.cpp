namespace latent { void ui_placeholder() {} }
