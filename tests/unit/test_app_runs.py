"""The field numbers tests/app_runs.py reads from Streamlit's websocket messages are the installed
Streamlit's: a Streamlit upgrade that renumbers them fails here, not as browser tests timing out."""

from app_runs import FINISHED_EARLY_FOR_RERUN, RERUN_SCRIPT, SCRIPT_FINISHED
from streamlit.proto import BackMsg_pb2, ForwardMsg_pb2


def test_the_watched_protobuf_fields_are_streamlits():
    assert BackMsg_pb2.BackMsg.DESCRIPTOR.fields_by_name["rerun_script"].number == RERUN_SCRIPT
    assert ForwardMsg_pb2.ForwardMsg.DESCRIPTOR.fields_by_name["script_finished"].number == SCRIPT_FINISHED
    assert ForwardMsg_pb2.ForwardMsg.FINISHED_EARLY_FOR_RERUN == FINISHED_EARLY_FOR_RERUN
