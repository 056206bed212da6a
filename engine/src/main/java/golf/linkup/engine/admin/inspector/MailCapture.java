package golf.linkup.engine.admin.inspector;

import java.util.List;

/** The sandbox's received e-mail (GreenMail in the routes module); nothing where mail goes to a real relay. */
public interface MailCapture {

    /** Every message received so far, oldest first. */
    List<CapturedMail> received();

    MailCapture NONE = List::of;
}
