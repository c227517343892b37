from admin_site import create_app

app = create_app()
