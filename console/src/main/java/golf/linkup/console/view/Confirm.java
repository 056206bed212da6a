package golf.linkup.console.view;

import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;

/**
 * Asks before a destructive action (disconnect, cancel, stop). The dialog's confirming button has
 * the id {@code confirm-ok} and is not the default: Enter does not confirm, Space or a click on it does;
 * Esc cancels.
 */
final class Confirm {

    private Confirm() {
    }

    static boolean ask(Node owner, String title, String what, String confirmText) {
        ButtonType confirm = new ButtonType(confirmText, ButtonType.OK.getButtonData());
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, Format.displayable(what), confirm, ButtonType.CANCEL);
        alert.setTitle(title);
        alert.setHeaderText(title);
        if (owner != null && owner.getScene() != null) {
            alert.initOwner(owner.getScene().getWindow());
        }
        Button ok = (Button) alert.getDialogPane().lookupButton(confirm);
        ok.setId("confirm-ok");
        ok.setDefaultButton(false);
        Button cancel = (Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setDefaultButton(true);
        return alert.showAndWait().filter(confirm::equals).isPresent();
    }
}
